/**
 * The neutral message model. Services build these; each adapter renders them with pure
 * functions (Block Kit for Slack, Adaptive Cards 1.5 for Teams). All text here is plain text:
 * renderers escape it, so member text can never become markup, a mention or a link.
 */

/** A run of inline content: plain text, bold text, or a person named (and notified) on purpose. */
export type Inline = string | { bold: string } | { user: { userId: string; name: string } };
export type RichText = Inline[];

export interface Button {
  /** Routed by the adapter back to the service as an action with this id. */
  actionId: string;
  label: string;
  /** Opaque to the platform; at most 2,000 characters (Slack's limit). */
  value: string;
  style?: 'primary' | 'danger';
}

export interface Field {
  label: string;
  value: string;
}

export type Block =
  | { kind: 'header'; text: string }
  | { kind: 'text'; text: RichText }
  | { kind: 'fields'; fields: Field[] }
  | { kind: 'list'; title?: string; items: RichText[]; /** items left out, shown as "and N more" */ more?: number }
  | { kind: 'progress'; label: string; value: number; max: number; note?: string }
  | { kind: 'image'; url: string; altText: string; title?: string }
  /**
   * A PNG made by the bot (no public URL). Teams embeds it in the card; Slack cannot show an
   * image block without a URL, so its sender uploads the file into the message's thread.
   */
  | { kind: 'chart'; pngBase64: string; altText: string; title?: string }
  | { kind: 'context'; text: RichText }
  | { kind: 'divider' }
  | { kind: 'actions'; buttons: Button[] };

export interface Message {
  /** Fallback text for notifications, screen readers and clients that cannot show blocks. */
  summary: string;
  blocks: Block[];
  /**
   * A form offered with the message. Platforms that show inputs in a message (Teams cards)
   * render it inline below the blocks; the others show `openButton`, which opens it (Slack).
   */
  form?: { form: Form; openButton: Button };
}

export interface ChoiceOption {
  value: string;
  label: string;
}

export type FormInput =
  | {
      kind: 'text';
      id: string;
      label: string;
      multiline?: boolean;
      required: boolean;
      maxLength: number;
      initial?: string;
      placeholder?: string;
      hint?: string;
    }
  | {
      kind: 'choice';
      id: string;
      label: string;
      required: boolean;
      options: ChoiceOption[];
      initial?: string;
      hint?: string;
    };

/** A form: a Slack modal or an Adaptive Card with inputs. */
export interface Form {
  /** Which service handles the submission (e.g. "checkin"). */
  formId: string;
  title: string;
  submitLabel: string;
  /** Opaque context carried through the platform and back on submit (round, member...). */
  state: string;
  intro?: RichText;
  inputs: FormInput[];
}

/** Validation errors keyed by input id, shown on the field by the platform. */
export type FieldErrors = Record<string, string>;
