import { h } from "./dom.js"

/**
 * A modal dialog with a form. onSubmit gets the form's data and returns a promise; the dialog stays open (with
 * the error shown in it) while that fails with keepOpen set, and closes otherwise.
 */
export const openDialog = ({ title, body, submitLabel, submitClass, onSubmit }) => {
  const error = h("p", { class: "notice error", role: "alert", hidden: true })
  const submit = h("button", { type: "submit", class: submitClass }, submitLabel)
  const form = h(
    "form",
    { method: "dialog" },
    h("h2", {}, title),
    body,
    error,
    h("div", { class: "dialog-actions" }, h("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, "Cancel"), submit)
  )
  const dialog = h("dialog", { class: "dialog", onclose: () => dialog.remove() }, form)
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    submit.disabled = true
    try {
      await onSubmit(new FormData(form))
      dialog.close()
    } catch (failure) {
      if (!failure.keepOpen) return dialog.close()
      error.textContent = failure.message
      error.hidden = false
    } finally {
      submit.disabled = false
    }
  })
  // Enter confirms from a text box too (Shift+Enter is a new line there), as it does from an input
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || !(event.target instanceof HTMLTextAreaElement)) return
    event.preventDefault()
    form.requestSubmit(submit)
  })
  document.body.append(dialog)
  dialog.showModal()
  return dialog
}
