import type { Message } from '../messages/model';
import type {
  ActionEvent,
  CommandEvent,
  DirectMessageEvent,
  FormSubmitEvent,
  HomeEvent,
  InstallEvent,
  ReachabilityEvent,
} from './inbound-events';
import type { Reply } from './replies';

/**
 * The whole surface the adapters see. An adapter turns a platform payload into one of these
 * calls and renders the Reply; it never reaches past this interface into services or storage.
 */
export interface Core {
  onCommand(ev: CommandEvent): Promise<Reply>;
  onAction(ev: ActionEvent): Promise<Reply>;
  onFormSubmit(ev: FormSubmitEvent): Promise<Reply>;
  onDirectMessage(ev: DirectMessageEvent): Promise<Reply>;
  onReachable(ev: ReachabilityEvent): Promise<void>;
  /** The app was removed for a person, or added to or removed from a team. */
  onInstallChanged(ev: InstallEvent): Promise<void>;
  /** The person's overview for a home surface of its own (the Slack App Home tab). */
  onHomeOpened(ev: HomeEvent): Promise<Message>;
  /** The person asked for their overview in a conversation (Teams `home` or `status`). */
  onHomeRequested(ev: Required<HomeEvent>): Promise<Reply>;
}
