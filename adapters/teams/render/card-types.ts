/** The subset of Adaptive Card 1.5 JSON these renderers emit (adaptivecards.io/explorer). */

export type AcSpacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';

interface AcElementBase {
  id?: string;
  separator?: boolean;
  spacing?: AcSpacing;
}

export interface AcTextBlock extends AcElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  fontType?: 'Default' | 'Monospace';
}

export interface AcFact {
  title: string;
  value: string;
}

export interface AcFactSet extends AcElementBase {
  type: 'FactSet';
  facts: AcFact[];
}

export interface AcImage extends AcElementBase {
  type: 'Image';
  url: string;
  altText: string;
}

export interface AcColumn {
  type: 'Column';
  width?: 'auto' | 'stretch';
  verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
  items: AcElement[];
}

export interface AcColumnSet extends AcElementBase {
  type: 'ColumnSet';
  columns: AcColumn[];
}

export interface AcContainer extends AcElementBase {
  type: 'Container';
  items: AcElement[];
}

export interface AcActionSet extends AcElementBase {
  type: 'ActionSet';
  actions: AcAction[];
}

interface AcInputBase extends AcElementBase {
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface AcInputText extends AcInputBase {
  type: 'Input.Text';
  isMultiline?: boolean;
  maxLength?: number;
  value?: string;
  placeholder?: string;
}

export interface AcInputChoiceSet extends AcInputBase {
  type: 'Input.ChoiceSet';
  style: 'compact' | 'expanded';
  choices: Array<{ title: string; value: string }>;
  value?: string;
  placeholder?: string;
}

export type AcElement = AcTextBlock | AcFactSet | AcImage | AcColumnSet | AcContainer | AcActionSet | AcInputText | AcInputChoiceSet;

/** What a button carries back; see readTeamsSubmitData. */
export interface ActionSubmitData {
  mp: 'action';
  actionId: string;
  value: string;
}

export interface FormSubmitData {
  mp: 'form';
  formId: string;
  state: string;
}

export interface AcSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: ActionSubmitData | FormSubmitData;
  style?: 'default' | 'positive' | 'destructive';
  /** 'none' on plain buttons: a card that also holds a form must not demand its inputs for them. */
  associatedInputs?: 'auto' | 'none';
}

export interface AcShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: AdaptiveCardJson;
}

export type AcAction = AcSubmitAction | AcShowCardAction;

/** A Teams mention entity; its `text` must appear verbatim in the card's text. */
export interface AcMention {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema?: string;
  /** Required on the top-level card; nested (ShowCard) cards inherit it. */
  version?: '1.5';
  fallbackText?: string;
  body: AcElement[];
  actions?: AcAction[];
  /** Teams host extension (not in the published schema): who the card mentions. */
  msteams?: { entities: AcMention[] };
}

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
