import type { App, BlockAction, ButtonAction, ViewSubmitAction } from "@slack/bolt"
import { ids } from "../blocks/ids.js"
import type { BotContext } from "../internal/BotContext.js"
import { approveAction } from "./actions/approve.js"
import { cancelAction } from "./actions/cancel.js"
import { rejectAction } from "./actions/reject.js"
import { restoreAction } from "./actions/restore.js"
import { pyexecCommand } from "./commands/pyexec.js"
import { rejectReasonView } from "./views/rejectReason.js"

/** Every listener of the app, as the Bolt samples register them. */
export const register = (app: App, bot: BotContext): void => {
  app.command("/pyexec", pyexecCommand(bot))
  app.action<BlockAction<ButtonAction>>(ids.approve, approveAction(bot))
  app.action<BlockAction<ButtonAction>>(ids.reject, rejectAction(bot))
  app.action<BlockAction<ButtonAction>>(ids.restore, restoreAction(bot))
  app.action<BlockAction<ButtonAction>>(ids.cancel, cancelAction(bot))
  // the link button opens the review page in the browser; Slack still sends the click, which needs an ack
  app.action(ids.review, async ({ ack }) => ack())
  app.view<ViewSubmitAction>(ids.rejectModal, rejectReasonView(bot))
}
