import { sql } from "drizzle-orm"
import { bigserial, boolean, index, integer, json, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core"

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "string" })

// Documents are `json`, not `jsonb`: `json` keeps the key order of a `results` dict as the code wrote it.

export const runs = pgTable(
  "runs",
  {
    id: text("id").primaryKey(),
    status: text("status").notNull(),
    requester: text("requester").notNull(),
    title: text("title").notNull(),
    request: json("request").notNull(),
    outcome: json("outcome"),
    notebookPath: text("notebook_path"),
    version: integer("version").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    /** The worker whose lease holds the run; only claims write these two, never a transition. */
    claimedBy: text("claimed_by"),
    claimExpiresAt: at("claim_expires_at"),
    /** Who asked to cancel the run, and when; written outside transitions, so the run's holder is not put off. */
    cancelRequestedBy: text("cancel_requested_by"),
    cancelRequestedAt: at("cancel_requested_at")
  },
  (t) => [
    index("runs_status_idx").on(t.status),
    index("runs_created_at_idx").on(t.createdAt),
    index("runs_claim_idx").on(t.status, t.claimExpiresAt)
  ]
)

export const attempts = pgTable(
  "attempts",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    source: text("source").notNull(),
    code: text("code").notNull(),
    codeSha256: text("code_sha256").notNull(),
    model: text("model"),
    analysis: json("analysis"),
    verdict: json("verdict"),
    /** What the approval routes asked of the attempt, and the approvals given while it waited. */
    routing: json("routing"),
    approvals: json("approvals"),
    approval: json("approval"),
    result: json("result"),
    error: json("error"),
    notebookPath: text("notebook_path"),
    /** Where the code runs (the executor shown to the reviewer and held to). */
    executor: text("executor"),
    /** A write run's preview: the writes it planned, which an approved run is held to. */
    preview: json("preview"),
    createdAt: at("created_at").notNull()
  },
  (t) => [primaryKey({ columns: [t.runId, t.number] })]
)

/** One row per state transition, with the run as it was after it. */
export const checkpoints = pgTable(
  "checkpoints",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    event: text("event").notNull(),
    state: json("state").notNull(),
    createdAt: at("created_at").notNull()
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })]
)

/**
 * Every decision on an attempt. At most one settles it (the approval that completed what its routes ask, or a
 * rejection): the unique index is the last line of defence against a double approval.
 */
export const approvals = pgTable(
  "approvals",
  {
    id: serial("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    codeSha256: text("code_sha256").notNull(),
    verdict: text("verdict").notNull(),
    decidedBy: text("decided_by").notNull(),
    comment: text("comment"),
    decidedAt: at("decided_at").notNull(),
    /** False for an approval the run went on waiting after (another approval was still needed). */
    settles: boolean("settles").notNull().default(true)
  },
  (t) => [uniqueIndex("approvals_run_attempt_settles_key").on(t.runId, t.attempt).where(sql`${t.settles}`)]
)

/** Files a run produced: notebooks and figures. */
export const artifacts = pgTable(
  "artifacts",
  {
    id: serial("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    attempt: integer("attempt"),
    kind: text("kind").notNull(),
    path: text("path").notNull(),
    createdAt: at("created_at").notNull()
  },
  (t) => [unique("artifacts_path_key").on(t.path), index("artifacts_run_idx").on(t.runId)]
)

/**
 * Decisions, refused decisions and state changes. No foreign key: the log outlives the runs it speaks of.
 * Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: at("at").notNull().defaultNow(),
    runId: text("run_id").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    message: text("message").notNull(),
    detail: json("detail")
  },
  (t) => [index("audit_log_run_idx").on(t.runId)]
)

/**
 * What the code writes while it runs, and the model's reply while it is written (RunOutput in core), one row a
 * batch of one stream. Readers in any process follow a run with `seq > last seen`. Bounded: the store keeps the
 * newest output of each attempt (SqlRunStore).
 */
export const runOutput = pgTable(
  "run_output",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    /** RunOutput.Phase: the model's reply for the attempt, the attempt's run, or its preview (no constraint on the values). */
    phase: text("phase").notNull().default("run"),
    stream: text("stream").notNull(),
    text: text("text").notNull(),
    /** The UTF-8 length of `text`, which the bound counts. */
    bytes: integer("bytes").notNull(),
    at: at("at").notNull().defaultNow()
  },
  (t) => [index("run_output_run_seq_idx").on(t.runId, t.seq), index("run_output_attempt_idx").on(t.runId, t.attempt, t.seq)]
)

/**
 * Input files of requests (InputFiles in core), by the SHA-256 of their bytes: written once, never changed, so a
 * run's files are the files it was made with. Base64 text: drizzle's Postgres columns have no bytea.
 */
export const inputFiles = pgTable("input_files", {
  sha256: text("sha256").primaryKey(),
  size: integer("size").notNull(),
  content: text("content").notNull(),
  createdAt: at("created_at").notNull().defaultNow()
})
