import type { types } from "@slack/bolt"
import { shortId } from "./format.js"
import { type DecisionValue, encodeDecision, ids } from "./ids.js"

/** The modal that asks an approver why the code is rejected; it carries the run and the code the card showed. */
export const rejectModal = (decision: DecisionValue): types.ModalView => ({
  type: "modal",
  callback_id: ids.rejectModal,
  private_metadata: encodeDecision(decision),
  title: { type: "plain_text", text: "Reject the code" },
  submit: { type: "plain_text", text: "Reject" },
  close: { type: "plain_text", text: "Cancel" },
  blocks: [
    { type: "section", text: { type: "mrkdwn", text: `The code of run \`${shortId(decision.runId)}\` will not run: the run ends as rejected, or goes back to the model.` } },
    {
      type: "input",
      block_id: ids.reasonBlock,
      label: { type: "plain_text", text: "Why?" },
      element: {
        type: "plain_text_input",
        action_id: ids.reasonInput,
        multiline: true,
        max_length: 2000,
        placeholder: { type: "plain_text", text: "e.g. wrong magnet, the setpoint is outside today's plan" }
      }
    },
    {
      type: "input",
      block_id: ids.reviseBlock,
      optional: true,
      label: { type: "plain_text", text: "Instead of ending the run" },
      element: {
        type: "checkboxes",
        action_id: ids.reviseInput,
        options: [{ text: { type: "plain_text", text: "Send it back to the model with this reason for a new attempt" }, value: "revise" }]
      }
    }
  ]
})
