/**
 * The playground page's renderers, bundled by esbuild into one browser script that exposes them
 * as `window.MissionPulseRender`. Pure functions, so tests run the same code in Node.
 */
export {
  renderBlocks,
  renderMessageText,
  renderModal,
  blockIdOf,
  type BlockKitContext,
  type RenderedBlocks,
  type RenderedModal,
} from './block-kit-html';
export { mrkdwnToHtml, plainToHtml } from './slack-mrkdwn';
export { cardMarkdownToHtml } from './card-markdown';
export { escapeHtml } from './html';
