// Fetching what was missed while disconnected: pages of messages with id > after,
// oldest first, until a short page says there is no more. The cursor is the last id of
// the previous page, never the newest id in the store: live messages that arrive during
// the catch-up must not make it skip the ones in between.
import type { HistoryCommand, Message, MessageId } from '../api/types';
import type { ConvTarget } from './keys';

export const CATCH_UP_PAGE = 100;
/** A bound on one catch-up, so a huge backlog can't keep the client busy forever. */
export const CATCH_UP_MAX_PAGES = 50;

export type HistoryRequest = (command: HistoryCommand) => Promise<Message[]>;

export function historyCommand(target: ConvTarget, page: Partial<HistoryCommand>): HistoryCommand {
  const where = target.kind === 'room' ? { room: target.room } : { with: target.userId };
  return { type: 'history', ...page, ...where } as HistoryCommand;
}

export async function fetchAfter(
  request: HistoryRequest,
  target: ConvTarget,
  after: MessageId,
  onPage: (messages: Message[]) => void,
): Promise<void> {
  let cursor = after;
  for (let page = 0; page < CATCH_UP_MAX_PAGES; page++) {
    const messages = await request(historyCommand(target, { after: cursor, limit: CATCH_UP_PAGE }));
    const newer = messages.filter((m) => m.id > cursor);
    if (newer.length) onPage(newer);
    if (messages.length < CATCH_UP_PAGE || newer.length === 0) return;
    cursor = newer[newer.length - 1].id;
  }
}
