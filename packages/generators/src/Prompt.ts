import { type CodeGenerator, type InputFiles, Parameters } from "@pyexec/core"
import * as ControlRoom from "./prompt/controlRoom.js"

export interface ChatMessage {
  readonly role: "system" | "user" | "assistant"
  readonly content: string
}

/** The `plain` prompt: the rules alone, no conventions, libraries or examples (PYEXEC_PROMPT=plain). */
export const plainSystemPrompt = `You write Python 3 code for a particle accelerator control room.
The code runs unattended in its own working folder, with numpy, scipy, pandas and matplotlib available.
Rules:
1. Store the answer in a dict named \`results\` at module level. Values must be JSON-like: numbers, strings,
   lists, dicts; numpy and pandas values are converted for you.
2. Make figures with matplotlib and leave them open: every open figure is saved as a PNG. Never call plt.show().
3. Read EPICS process variables with pyepics (\`from epics import caget, PV\`) when the task needs machine data.
   Write to a process variable only when the request asks for a change; a person reviews such code before it runs.
4. No input(), no endless loops, no network access other than EPICS, no files outside the working folder.
5. Reply with exactly one \`\`\`python code block and nothing else.`

/** The system prompt of the configured style: the control room's unless `plain` is asked for. */
export const systemPrompt = (input: CodeGenerator.GenerationInput): string =>
  input.prompt === "plain" ? plainSystemPrompt : ControlRoom.systemPrompt(input.environment, (input.request.inputFiles ?? []).length > 0)

/**
 * The site's facts, in either style, at the head of the request: a small model follows what it read last over the
 * system prompt's examples (with the notes there, the 1.5B model read a waveform PV the notes name as a CSV file).
 * Ahead of the request, they are still the same beginning on every prompt, which the embedded model does not
 * evaluate twice.
 */
const siteNotesPart = (notes: string): string => `About this site (its names, not the examples'):\n${notes}`

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`)

/** The input files, so the model opens them by name and knows a CSV's columns from its header. */
const describeFiles = (files: ReadonlyArray<InputFiles.InputFile>): string =>
  "Input files, in the current folder:\n" +
  files.map((f) => `- ${f.name} (${sizeText(f.size)})${f.firstLine !== undefined ? `, first line: ${f.firstLine}` : ""}`).join("\n")

const fence = (language: string, text: string) => `\`\`\`${language}\n${text.replace(/\n+$/, "")}\n\`\`\``

const describeRequest = (input: CodeGenerator.GenerationInput): string => {
  const r = input.request
  const parts = [...(input.siteNotes ? [siteNotesPart(input.siteNotes)] : []), `Request: ${r.query ?? "(run the task below)"}`]
  if (r.taskObjective) parts.push(`Task objective: ${r.taskObjective}`)
  if (r.expectedResults && Object.keys(r.expectedResults).length > 0) {
    parts.push(
      "Expected keys of `results`:\n" +
        Object.entries(r.expectedResults)
          .map(([key, meaning]) => `- ${key}: ${meaning}`)
          .join("\n")
    )
  }
  if (r.inputFiles && r.inputFiles.length > 0) parts.push(describeFiles(r.inputFiles))
  if (r.parameters && Object.keys(r.parameters).length > 0) {
    parts.push(
      "These variables are set before your code runs: use them, do not set them again:\n" +
        Object.entries(r.parameters)
          .map(([name, value]) => `- ${name} = ${Parameters.pythonLiteral(value)}`)
          .join("\n")
    )
  }
  return parts.join("\n\n")
}

const describeFeedback = (feedback: ReadonlyArray<CodeGenerator.AttemptFeedback>): string =>
  [
    "Earlier attempts failed or were sent back by the person reviewing them. Write corrected code that avoids these errors and does what the reviewer asks.",
    ...feedback.map((f) =>
      f.kind === "no-code"
        ? `Attempt ${f.attempt} gave no code: ${f.message}. Answer with the Python code in a \`\`\`python block.`
        : [
        f.kind === "review" ? `Attempt ${f.attempt} was ${f.message}` : `Attempt ${f.attempt} failed (${f.kind} error): ${f.message}`,
        `Code of attempt ${f.attempt}:\n${fence("python", f.code)}`,
        ...(f.traceback ? [`Traceback of attempt ${f.attempt}:\n${fence("", f.traceback)}`] : [])
      ].join("\n\n")
    )
  ].join("\n\n")

/** The chat for one attempt: the rules, the request, and what went wrong before. */
export const messages = (input: CodeGenerator.GenerationInput): ReadonlyArray<ChatMessage> => [
  { role: "system", content: systemPrompt(input) },
  {
    role: "user",
    content: input.feedback.length > 0 ? `${describeRequest(input)}\n\n${describeFeedback(input.feedback)}` : describeRequest(input)
  }
]
