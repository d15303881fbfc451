/**
 * Block Kit limits Slack enforces (docs: Block Kit reference, blocks / elements / composition objects).
 * Violations are reported in Slack's own error style: "<problem> [json-pointer:/blocks/0/text/text]".
 */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40000,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptions: 5,
  checkboxOptions: 10,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  imageAltText: 2000,
  markdownText: 12000,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  externalId: 255,
  genericText: 3000,
} as const;

export type SlackSurface = 'message' | 'modal' | 'home';

type Json = Record<string, unknown>;

const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'radio_buttons',
  'checkboxes',
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
  'workflow_button',
]);

const BLOCK_TYPES = new Set([
  'section',
  'divider',
  'header',
  'context',
  'actions',
  'input',
  'image',
  'rich_text',
  'file',
  'video',
  'markdown',
]);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

class Checker {
  readonly errors: string[] = [];

  fail(pointer: string, problem: string): void {
    this.errors.push(`${problem} [json-pointer:${pointer}]`);
  }

  maxString(value: unknown, pointer: string, max: number, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.fail(pointer, 'must provide a string');
      return;
    }
    if (typeof value !== 'string') return this.fail(pointer, 'must provide a string');
    if (required && value.length === 0) this.fail(pointer, 'must be more than 0 characters');
    if (value.length > max) this.fail(pointer, `must be less than ${max + 1} characters`);
  }

  maxItems(value: unknown, pointer: string, max: number, min = 0): value is unknown[] {
    if (!Array.isArray(value)) {
      this.fail(pointer, 'must provide an array');
      return false;
    }
    if (value.length > max) this.fail(pointer, `must be less than ${max + 1} items`);
    if (value.length < min) this.fail(pointer, `must provide at least ${min} items`);
    return true;
  }

  /** A composition text object; plain-only where Slack requires plain_text. */
  text(value: unknown, pointer: string, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    if (value === undefined || value === null) {
      if (opts.required) this.fail(pointer, 'must provide an object');
      return;
    }
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.fail(`${pointer}/type`, `must be one of ${allowed.join(', ')}`);
    }
    if (value.type === 'mrkdwn' && 'emoji' in value) this.fail(`${pointer}/emoji`, 'emoji is only valid for plain_text');
    this.maxString(value.text, `${pointer}/text`, max, true);
  }

  option(value: unknown, pointer: string, plainOnly: boolean): void {
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    this.text(value.text, `${pointer}/text`, SLACK_LIMITS.optionText, { plainOnly, required: true });
    this.maxString(value.value, `${pointer}/value`, SLACK_LIMITS.optionValue, true);
    this.text(value.description, `${pointer}/description`, SLACK_LIMITS.optionDescription, { plainOnly });
    this.maxString(value.url, `${pointer}/url`, SLACK_LIMITS.url);
  }

  options(value: Json, pointer: string, max: number, plainOnly: boolean, min = 1): void {
    if (value.option_groups !== undefined) {
      if (!this.maxItems(value.option_groups, `${pointer}/option_groups`, SLACK_LIMITS.selectOptions, 1)) return;
      (value.option_groups as unknown[]).forEach((group, g) => {
        const groupPointer = `${pointer}/option_groups/${g}`;
        if (!isObject(group)) return this.fail(groupPointer, 'must provide an object');
        this.text(group.label, `${groupPointer}/label`, SLACK_LIMITS.optionText, { plainOnly: true, required: true });
        if (this.maxItems(group.options, `${groupPointer}/options`, max, 1)) {
          (group.options as unknown[]).forEach((o, i) => this.option(o, `${groupPointer}/options/${i}`, plainOnly));
        }
      });
      return;
    }
    if (this.maxItems(value.options, `${pointer}/options`, max, min)) {
      (value.options as unknown[]).forEach((o, i) => this.option(o, `${pointer}/options/${i}`, plainOnly));
    }
  }

  element(value: unknown, pointer: string): void {
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    const type = value.type;
    if (type === 'image') {
      this.maxString(value.alt_text, `${pointer}/alt_text`, SLACK_LIMITS.imageAltText, true);
      this.maxString(value.image_url, `${pointer}/image_url`, SLACK_LIMITS.url);
      return;
    }
    if (typeof type !== 'string' || !INTERACTIVE_ELEMENTS.has(type)) {
      return this.fail(`${pointer}/type`, `unsupported element type: ${String(type)}`);
    }
    this.maxString(value.action_id, `${pointer}/action_id`, SLACK_LIMITS.actionId);
    this.text(value.placeholder, `${pointer}/placeholder`, SLACK_LIMITS.placeholder, { plainOnly: true });
    switch (type) {
      case 'button':
        this.text(value.text, `${pointer}/text`, SLACK_LIMITS.buttonText, { plainOnly: true, required: true });
        this.maxString(value.value, `${pointer}/value`, SLACK_LIMITS.buttonValue);
        this.maxString(value.url, `${pointer}/url`, SLACK_LIMITS.url);
        if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
          this.fail(`${pointer}/style`, 'must be one of primary, danger');
        }
        break;
      case 'static_select':
      case 'multi_static_select':
        this.options(value, pointer, SLACK_LIMITS.selectOptions, true);
        break;
      case 'overflow':
        this.options(value, pointer, SLACK_LIMITS.overflowOptions, true);
        break;
      case 'radio_buttons':
      case 'checkboxes':
        this.options(value, pointer, SLACK_LIMITS.checkboxOptions, false);
        break;
      case 'plain_text_input':
        for (const key of ['min_length', 'max_length'] as const) {
          const n = value[key];
          if (n !== undefined && (typeof n !== 'number' || n < 0 || n > SLACK_LIMITS.plainTextInputLength)) {
            this.fail(`${pointer}/${key}`, `must be a number between 0 and ${SLACK_LIMITS.plainTextInputLength}`);
          }
        }
        this.maxString(value.initial_value, `${pointer}/initial_value`, SLACK_LIMITS.plainTextInputLength);
        break;
      default:
        break;
    }
  }

  block(value: unknown, pointer: string, seenBlockIds: Set<string>): void {
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    const type = value.type;
    if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) {
      return this.fail(`${pointer}/type`, `unsupported block type: ${String(type)}`);
    }
    if (value.block_id !== undefined) {
      this.maxString(value.block_id, `${pointer}/block_id`, SLACK_LIMITS.blockId, true);
      if (typeof value.block_id === 'string') {
        if (seenBlockIds.has(value.block_id)) this.fail(`${pointer}/block_id`, `duplicate block_id: ${value.block_id}`);
        seenBlockIds.add(value.block_id);
      }
    }
    switch (type) {
      case 'section':
        if (value.text === undefined && value.fields === undefined) this.fail(pointer, 'must provide text or fields');
        this.text(value.text, `${pointer}/text`, SLACK_LIMITS.sectionText);
        if (value.fields !== undefined && this.maxItems(value.fields, `${pointer}/fields`, SLACK_LIMITS.sectionFields, 1)) {
          (value.fields as unknown[]).forEach((f, i) =>
            this.text(f, `${pointer}/fields/${i}`, SLACK_LIMITS.sectionFieldText, { required: true }),
          );
        }
        if (value.accessory !== undefined) this.element(value.accessory, `${pointer}/accessory`);
        break;
      case 'header':
        this.text(value.text, `${pointer}/text`, SLACK_LIMITS.headerText, { plainOnly: true, required: true });
        break;
      case 'context':
        if (this.maxItems(value.elements, `${pointer}/elements`, SLACK_LIMITS.contextElements, 1)) {
          (value.elements as unknown[]).forEach((e, i) => {
            const p = `${pointer}/elements/${i}`;
            if (isObject(e) && e.type === 'image') this.element(e, p);
            else this.text(e, p, SLACK_LIMITS.genericText, { required: true });
          });
        }
        break;
      case 'actions':
        if (this.maxItems(value.elements, `${pointer}/elements`, SLACK_LIMITS.actionsElements, 1)) {
          const actionIds = new Set<string>();
          (value.elements as unknown[]).forEach((e, i) => {
            this.element(e, `${pointer}/elements/${i}`);
            const id = isObject(e) ? e.action_id : undefined;
            if (typeof id === 'string') {
              if (actionIds.has(id)) this.fail(`${pointer}/elements/${i}/action_id`, `duplicate action_id: ${id}`);
              actionIds.add(id);
            }
          });
        }
        break;
      case 'input':
        this.text(value.label, `${pointer}/label`, SLACK_LIMITS.inputLabel, { plainOnly: true, required: true });
        this.text(value.hint, `${pointer}/hint`, SLACK_LIMITS.inputHint, { plainOnly: true });
        if (value.element === undefined) this.fail(pointer, 'missing required field: element');
        else this.element(value.element, `${pointer}/element`);
        break;
      case 'image':
        this.maxString(value.alt_text, `${pointer}/alt_text`, SLACK_LIMITS.imageAltText, true);
        if (value.image_url === undefined && value.slack_file === undefined) this.fail(pointer, 'must provide image_url or slack_file');
        this.maxString(value.image_url, `${pointer}/image_url`, SLACK_LIMITS.url);
        this.text(value.title, `${pointer}/title`, SLACK_LIMITS.inputLabel, { plainOnly: true });
        break;
      case 'markdown':
        this.maxString(value.text, `${pointer}/text`, SLACK_LIMITS.markdownText, true);
        break;
      default:
        break;
    }
  }
}

/** Validates a blocks array for a surface; returns Slack-style error strings (empty when valid). */
export function validateBlocks(blocks: unknown, surface: SlackSurface, pointer = '/blocks'): string[] {
  const checker = new Checker();
  const max = surface === 'message' ? SLACK_LIMITS.messageBlocks : SLACK_LIMITS.viewBlocks;
  if (checker.maxItems(blocks, pointer, max)) {
    const seen = new Set<string>();
    (blocks as unknown[]).forEach((b, i) => checker.block(b, `${pointer}/${i}`, seen));
  }
  return checker.errors;
}

/** Validates a modal or Home tab view object (views.open / update / push / publish). */
export function validateView(view: unknown, expected: 'modal' | 'home' | 'any'): string[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.fail('/view', 'must provide an object');
    return checker.errors;
  }
  if (view.type !== 'modal' && view.type !== 'home') checker.fail('/view/type', 'must be one of modal, home');
  else if (expected !== 'any' && view.type !== expected) checker.fail('/view/type', `must be ${expected}`);
  if (view.type === 'modal') {
    checker.text(view.title, '/view/title', SLACK_LIMITS.modalTitle, { plainOnly: true, required: true });
    checker.text(view.submit, '/view/submit', SLACK_LIMITS.modalButton, { plainOnly: true });
    checker.text(view.close, '/view/close', SLACK_LIMITS.modalButton, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      checker.fail('/view/submit', 'submit is required when an input block is within the blocks array');
  }
  checker.maxString(view.callback_id, '/view/callback_id', SLACK_LIMITS.callbackId);
  checker.maxString(view.private_metadata, '/view/private_metadata', SLACK_LIMITS.privateMetadata);
  checker.maxString(view.external_id, '/view/external_id', SLACK_LIMITS.externalId);
  return [...checker.errors, ...validateBlocks(view.blocks, view.type === 'modal' ? 'modal' : 'home', '/view/blocks')];
}
