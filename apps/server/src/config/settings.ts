import { ExecutionRequest, Executor, PipelineConfig, Policy, WorkerConfig } from "@pyexec/core"
import { generatorKinds } from "../AppLayer.js"
import * as Kinds from "./kinds.js"

/**
 * One setting: where it goes in pyexec.yaml and the environment variable the code reads it from. The file is
 * turned into those variables (environment variables given as well win), so the code reads every setting as
 * before, through `Config`.
 */
export interface Setting {
  /** Its place in pyexec.yaml: `worker.concurrency`. */
  readonly key: string
  readonly env: string
  readonly kind: Kinds.Kind
  readonly description: string
  /** What applies when neither the file nor the environment sets it, as `config check` shows it. */
  readonly default?: string
  /**
   * Redacted wherever shown. `value-or-file`: it may also be read from a file, `{ file: PATH }` in pyexec.yaml or
   * `<VAR>_FILE` in the environment (Docker's secrets); `value`: given only as it is.
   */
  readonly secret?: "value-or-file" | "value"
}

/** The variable that names the configuration file; it cannot itself be in the file. */
export const fileVariable = "PYEXEC_CONFIG"

/** The variable that names a file holding the setting's secret, if it may be given so. */
export const secretFileVariable = (setting: Setting): string | undefined =>
  setting.secret === "value-or-file" ? `${setting.env}_FILE` : undefined

const worker = WorkerConfig.defaults
const pipeline = PipelineConfig.defaults

export const settings: ReadonlyArray<Setting> = [
  { key: "home", env: "PYEXEC_HOME", kind: Kinds.filePath, default: ".pyexec", description: "the embedded database (db/) and the run folders (runs/)" },
  { key: "dataFolder", env: "PYEXEC_DATA_FOLDER", kind: Kinds.filePath, description: "the site's data that requests may name files of (--data-file, dataFiles)" },
  { key: "database.url", env: "PYEXEC_DATABASE_URL", kind: Kinds.text, secret: "value-or-file", description: "postgres://…: a PostgreSQL server instead of the embedded database" },

  { key: "model.generator", env: "PYEXEC_GENERATOR", kind: Kinds.oneOf(...generatorKinds), default: generatorKinds[0], description: "ollama, openai for any OpenAI-compatible server, or embedded: a GGUF model in a child process" },
  { key: "model.name", env: "PYEXEC_MODEL", kind: Kinds.text, default: "qwen2.5-coder:7b with ollama", description: "the model (--model overrides it per request)" },
  { key: "model.prompt", env: "PYEXEC_PROMPT", kind: Kinds.oneOf(...PipelineConfig.promptStyles), default: pipeline.prompt, description: "the model's prompt: controlroom (EPICS conventions, the run's libraries, examples) or plain (the rules alone)" },
  { key: "model.siteNotes", env: "PYEXEC_SITE_NOTES", kind: Kinds.filePath, description: "a text file of the site's facts for the model, in every prompt: PV names and what they hold, units, where data lives (at most 16 KiB)" },
  { key: "model.ollama.host", env: "OLLAMA_HOST", kind: Kinds.text, default: "http://127.0.0.1:11434", description: "the Ollama server" },
  { key: "model.ollama.stream", env: "PYEXEC_OLLAMA_STREAM", kind: Kinds.boolean, default: "true", description: "stream Ollama's reply or take it whole" },
  { key: "model.openai.baseUrl", env: "PYEXEC_OPENAI_BASE_URL", kind: Kinds.text, description: "the OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1" },
  { key: "model.openai.apiKey", env: "PYEXEC_OPENAI_API_KEY", kind: Kinds.text, secret: "value-or-file", description: "bearer token for that server, if it wants one" },
  { key: "model.embedded.path", env: "PYEXEC_MODEL_PATH", kind: Kinds.filePath, default: "the model scripts/model fetches", description: "the GGUF file the embedded generator runs" },
  { key: "model.threads", env: "PYEXEC_MODEL_THREADS", kind: Kinds.integer, default: "half the cores", description: "CPU threads of the embedded model" },
  { key: "model.contextSize", env: "PYEXEC_MODEL_CONTEXT_SIZE", kind: Kinds.integer, default: "4096", description: "tokens of prompt and reply the embedded model holds" },
  { key: "model.temperature", env: "PYEXEC_MODEL_TEMPERATURE", kind: Kinds.number, default: "the model server's", description: "sampling temperature, every generator (0: the likeliest token, repeatable)" },
  { key: "model.seed", env: "PYEXEC_MODEL_SEED", kind: Kinds.integer, default: "the model server's", description: "sampling seed, every generator" },
  { key: "model.topP", env: "PYEXEC_MODEL_TOP_P", kind: Kinds.number, default: "the model server's", description: "nucleus sampling, every generator" },
  { key: "model.maxTokens", env: "PYEXEC_MODEL_MAX_TOKENS", kind: Kinds.integer, default: "the model server's", description: "longest reply, every generator" },
  { key: "model.stop", env: "PYEXEC_MODEL_STOP", kind: Kinds.list, description: "texts that end the reply, every generator" },

  { key: "policy.mode", env: "PYEXEC_POLICY_MODE", kind: Kinds.oneOf(...ExecutionRequest.PolicyMode.literals), default: pipeline.policyMode, description: "which code needs an approval" },
  { key: "policy.epicsWrites", env: "PYEXEC_EPICS_WRITES", kind: Kinds.oneOf(...Policy.EpicsWrites.literals), default: "allow", description: "block or regenerate code that writes to EPICS (a site-wide kill-switch)" },
  { key: "policy.maxAttempts", env: "PYEXEC_MAX_ATTEMPTS", kind: Kinds.integer, default: String(pipeline.maxAttempts), description: "generate → analyze → execute rounds before a run fails on code errors" },
  { key: "policy.infraRetries", env: "PYEXEC_INFRA_RETRIES", kind: Kinds.integer, default: String(pipeline.infraRetries), description: "extra tries when the executor fails before the code could start" },
  { key: "analyzer.config", env: "PYEXEC_ANALYZER_CONFIG", kind: Kinds.filePath, description: "the analyzer file: plugins, per-rule severities, modules the site allows" },

  { key: "executor.kind", env: "PYEXEC_EXECUTOR", kind: Kinds.oneOf(...Executor.ExecutorKind.literals), default: "local", description: "where code runs" },
  { key: "executor.config", env: "PYEXEC_EXECUTOR_CONFIG", kind: Kinds.filePath, description: "the executor file: profiles, container and ssh settings" },
  { key: "executor.python", env: "PYEXEC_PYTHON", kind: Kinds.text, default: "$VIRTUAL_ENV/bin/python, else python3", description: "the local executor's interpreter" },
  { key: "executor.sharedFolders", env: "PYEXEC_SHARED_FOLDERS", kind: Kinds.list, description: "host folders every local run sees (read-only unless :rw)" },
  { key: "executor.preload", env: "PYEXEC_PRELOAD", kind: Kinds.list, default: "numpy,pandas,matplotlib.pyplot", description: "modules a warm Python imports before a run (none: a fresh interpreter)" },
  { key: "executor.container.image", env: "PYEXEC_CONTAINER_IMAGE", kind: Kinds.text, default: "the executor file's, else pyexec-sandbox:2026.11.1", description: "the sandbox image" },
  { key: "executor.container.poolSize", env: "PYEXEC_CONTAINER_POOL_SIZE", kind: Kinds.integer, default: "the executor file's, else 2", description: "warm containers per network" },

  { key: "limits.timeoutSeconds", env: "PYEXEC_TIMEOUT_SECONDS", kind: Kinds.number, default: String(pipeline.timeoutMs / 1000), description: "per execution; the process group is killed after it" },
  { key: "limits.maxOutputBytes", env: "PYEXEC_MAX_OUTPUT_BYTES", kind: Kinds.integer, default: "1048576", description: "captured output per stream" },
  { key: "limits.maxFigures", env: "PYEXEC_MAX_FIGURES", kind: Kinds.integer, default: "20", description: "figures saved per run" },
  { key: "limits.maxMemoryMb", env: "PYEXEC_MAX_MEMORY_MB", kind: Kinds.integer, default: "4096", description: "the run's memory, all its processes together" },
  { key: "limits.maxProcesses", env: "PYEXEC_MAX_PROCESSES", kind: Kinds.integer, default: "256", description: "processes and threads a run may have" },
  { key: "limits.channels", env: "PYEXEC_CHANNEL_LIMITS", kind: Kinds.filePath, description: "the file of limits on what approved runs may write" },

  { key: "approval.approvers", env: "PYEXEC_APPROVERS", kind: Kinds.list, description: "who may approve or reject: names and role:approver-style entries (none: the approver role)" },
  { key: "approval.fourEyes", env: "PYEXEC_FOUR_EYES", kind: Kinds.boolean, default: "false", description: "the requester may not approve their own run" },
  { key: "approval.expiryHours", env: "PYEXEC_APPROVAL_EXPIRY_HOURS", kind: Kinds.number, description: "a run waiting longer becomes expired" },
  { key: "approval.routes", env: "PYEXEC_APPROVAL_ROUTES", kind: Kinds.filePath, description: "the file of approval groups and routes" },

  { key: "worker.concurrency", env: "PYEXEC_WORKER_CONCURRENCY", kind: Kinds.integer, default: String(worker.concurrency), description: "runs one server process drives at once" },
  { key: "worker.pollMs", env: "PYEXEC_WORKER_POLL_MS", kind: Kinds.number, default: String(worker.pollMs), description: "how often an idle server process looks for work no one announced" },
  { key: "worker.leaseSeconds", env: "PYEXEC_CLAIM_LEASE_SECONDS", kind: Kinds.number, default: String(worker.leaseMs / 1000), description: "how long a process holds a run without renewing it" },
  { key: "worker.retryInterruptedReadOnly", env: "PYEXEC_RETRY_INTERRUPTED_READ_ONLY", kind: Kinds.boolean, default: String(worker.retryInterruptedReadOnly), description: "run a read-only run once more when its process died while it ran" },

  { key: "server.publicUrl", env: "PYEXEC_PUBLIC_URL", kind: Kinds.text, default: "the server's address", description: "where people open the review page: links on Slack cards and results" },
  { key: "server.eventsPollMs", env: "PYEXEC_EVENTS_POLL_MS", kind: Kinds.integer, default: "5000", description: "how often an open event stream reads its run again when no change was announced (a notification lost)" },
  { key: "server.apiTokens", env: "PYEXEC_API_TOKENS", kind: Kinds.list, secret: "value", description: "name:role:token entries the API accepts" },
  { key: "server.apiTokensFile", env: "PYEXEC_API_TOKENS_FILE", kind: Kinds.filePath, description: "a file of name:role:token entries, one a line" },

  { key: "jupyter.url", env: "PYEXEC_JUPYTER_URL", kind: Kinds.text, description: "a JupyterLab (or JupyterHub user server) base URL: runs get an Open in JupyterLab link" },
  { key: "jupyter.folder", env: "PYEXEC_JUPYTER_FOLDER", kind: Kinds.filePath, description: "a folder that Jupyter server serves as jupyter.path: notebooks are copied into it" },
  { key: "jupyter.token", env: "PYEXEC_JUPYTER_TOKEN", kind: Kinds.text, secret: "value-or-file", description: "instead: a Jupyter token; notebooks are put through its contents API" },
  { key: "jupyter.path", env: "PYEXEC_JUPYTER_PATH", kind: Kinds.text, default: "pyexec", description: "the folder, in Jupyter, that run notebooks appear in" },

  { key: "client.server", env: "PYEXEC_SERVER", kind: Kinds.text, description: "the pyexec server the commands use instead of the local store" },
  { key: "client.token", env: "PYEXEC_API_TOKEN", kind: Kinds.text, secret: "value-or-file", description: "the commands' token for that server" },
  { key: "client.user", env: "PYEXEC_USER", kind: Kinds.text, default: "the login name", description: "who requests and decides at this terminal" },

  { key: "log.format", env: "PYEXEC_LOG_FORMAT", kind: Kinds.oneOf("text", "json"), default: "text", description: "json: one JSON object a line, for a log stack" },
  { key: "tracing.endpoint", env: "OTEL_EXPORTER_OTLP_ENDPOINT", kind: Kinds.text, description: "the OTLP collector's base URL (traces go to /v1/traces); none: no traces" },
  { key: "tracing.tracesEndpoint", env: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", kind: Kinds.text, description: "the whole URL traces are sent to, instead" },
  { key: "tracing.protocol", env: "OTEL_EXPORTER_OTLP_PROTOCOL", kind: Kinds.oneOf("http/protobuf", "http/json"), default: "http/protobuf", description: "OTLP over HTTP" },
  { key: "tracing.headers", env: "OTEL_EXPORTER_OTLP_HEADERS", kind: Kinds.text, secret: "value-or-file", description: "key=value,… sent with the traces (a collector's credentials)" },
  { key: "tracing.serviceName", env: "OTEL_SERVICE_NAME", kind: Kinds.text, default: "pyexec", description: "the traces' service name" },

  { key: "slack.botToken", env: "SLACK_BOT_TOKEN", kind: Kinds.text, secret: "value-or-file", description: "xoxb-…: pyexec serve runs the Slack bot" },
  { key: "slack.appToken", env: "SLACK_APP_TOKEN", kind: Kinds.text, secret: "value-or-file", description: "xapp-…: Socket Mode, no public URL needed" },
  { key: "slack.signingSecret", env: "SLACK_SIGNING_SECRET", kind: Kinds.text, secret: "value-or-file", description: "HTTP mode: checks the requests to /slack/events" },
  { key: "slack.approvers", env: "SLACK_APPROVERS", kind: Kinds.list, description: "Slack user and user group IDs who may approve or reject" },
  { key: "slack.apiUrl", env: "SLACK_API_URL", kind: Kinds.text, default: "https://slack.com/api/", description: "the Slack Web API base (GovSlack, Enterprise setups)" }
]
