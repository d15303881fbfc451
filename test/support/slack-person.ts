import { blockActions, sendToBolt, viewSubmissionFor, type SlackStateValue } from '../../adapters/stand-ins/slack';
import type { SlackMessage, SlackView } from '../../adapters/stand-ins/slack/types';
import { SIGNING_SECRET, type TestApp } from './app-harness';

interface ButtonElement {
  type: string;
  action_id: string;
  value?: string;
  text: { text: string };
}
interface InputBlock {
  type: string;
  block_id: string;
  element?: { type: string; action_id: string };
}

/** Acts as one Slack user against the running bot: slash commands, buttons, modals. */
export class SlackPerson {
  constructor(
    private readonly t: TestApp,
    readonly userId: string,
  ) {}

  get dm(): string {
    return this.t.slack.dmChannelFor(this.userId);
  }

  command(command: string, text: string, channel?: string) {
    return this.t.slashCommand(this.userId, command, text, channel ? { channel } : {});
  }

  /** The bot's messages in this person's DM, newest last, as they look now. */
  inbox(): SlackMessage[] {
    return this.t.slack.messages(this.dm).filter((m) => !m.deleted);
  }

  inboxText(): string {
    return this.inbox()
      .map((m) => `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}`)
      .join('\n---\n');
  }

  /** Presses the button labelled `label` on `message`. */
  async press(message: SlackMessage, label: string): Promise<number> {
    const buttons = (message.blocks ?? []).flatMap((b) =>
      ((b as { elements?: ButtonElement[] }).elements ?? [])
        .filter((e) => e.type === 'button')
        .map((e) => ({ e, blockId: (b as { block_id?: string }).block_id ?? 'actions' })),
    );
    const found = buttons.find((x) => x.e.text.text === label);
    if (!found) throw new Error(`no button "${label}" on the message; buttons: ${buttons.map((x) => x.e.text.text).join(', ')}`);
    const payload = blockActions({
      standIn: this.t.slack,
      userId: this.userId,
      actionId: found.e.action_id,
      blockId: found.blockId,
      value: found.e.value,
      buttonText: label,
      source: { kind: 'message', channelId: message.channel, messageTs: message.ts, text: message.text, blocks: message.blocks },
    });
    return (await sendToBolt(this.t.slackUrl, 'block_actions', payload, { signingSecret: SIGNING_SECRET })).status;
  }

  openView(): SlackView | undefined {
    const views = this.t.slack.openViews(this.userId);
    return views[views.length - 1];
  }

  /** The current value of each input of the open modal, by input id. */
  viewInitialValues(): Record<string, string> {
    const view = this.openView();
    const out: Record<string, string> = {};
    for (const b of (view?.blocks ?? []) as Array<
      InputBlock & { element?: { initial_value?: string; initial_option?: { value: string } } }
    >) {
      if (b.type !== 'input' || !b.element) continue;
      out[b.block_id] = b.element.initial_value ?? b.element.initial_option?.value ?? '';
    }
    return out;
  }

  /** Submits the open modal with these answers (by input id); returns Bolt's HTTP answer. */
  async submitView(answers: Record<string, string>, retryNum?: number): Promise<{ status: number; body: string }> {
    const view = this.openView();
    if (!view) throw new Error(`${this.userId} has no open modal`);
    const values: Record<string, Record<string, SlackStateValue>> = {};
    for (const b of view.blocks as InputBlock[]) {
      if (b.type !== 'input' || !b.element) continue;
      const v = answers[b.block_id] ?? '';
      values[b.block_id] = {
        [b.element.action_id]:
          b.element.type === 'static_select'
            ? { type: 'static_select', selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null }
            : { type: 'plain_text_input', value: v || null },
      };
    }
    const payload = viewSubmissionFor(view, values, { userId: this.userId });
    const res = await sendToBolt(this.t.slackUrl, 'view_submission', payload, {
      signingSecret: SIGNING_SECRET,
      ...(retryNum ? { retryNum } : {}),
    });
    this.t.slack.applyViewSubmissionAck(this.userId, res.body);
    return res;
  }
}
