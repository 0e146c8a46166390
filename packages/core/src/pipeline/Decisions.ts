import { Context, Effect, Layer, Option } from "effect"
import type { ApprovalDecision, Decision } from "../Approval.js"
import * as ApprovalRoutes from "../ApprovalRoutes.js"
import type { Attempt } from "../Attempt.js"
import { ApprovalRefused, CancelRefused, type PipelineError, type RunNotFound } from "../Errors.js"
import type { RunId } from "../Ids.js"
import { hasRole, type Identity } from "../Identity.js"
import { defaults, PipelineConfig } from "../PipelineConfig.js"
import { currentAttempt, type Run } from "../Run.js"
import { isEnded } from "../RunStatus.js"
import type { Claim } from "../RunStore.js"
import * as Cancel from "./Cancel.js"
import * as Kernel from "./Kernel.js"
import * as Transitions from "./Transitions.js"

/**
 * A person's decision on a run that waits, and the expiry of a wait that lasted too long: all a rejection needs, so
 * `pyexec reject` builds this alone (no generator, analyzer or executor).
 */
export class Decisions extends Context.Tag("@pyexec/core/Decisions")<
  Decisions,
  {
    readonly decide: (runId: RunId, decision: Decision, decider: Identity) => Effect.Effect<Run, ApprovalRefused | RunNotFound | PipelineError>
    readonly expire: (run: Run) => Effect.Effect<Run, PipelineError>
    /**
     * Cancels a run that has not ended, for its requester or an approver: a run no process drives is ended here;
     * the process that drives one stops it (the code too) and ends it. Answers with the run once it rests.
     */
    readonly cancel: (runId: RunId, by: Identity) => Effect.Effect<Run, CancelRefused | RunNotFound | PipelineError>
  }
>() {}

const make = (records: Kernel.Records, transitions: Transitions.Transitions, maxAttempts: number, claim: Claim) => {
  const { store, rules, notify } = records
  const { commit, finish, noteAttempt, withAttempt } = transitions
  const cancelling = Cancel.make(records, transitions)
  /** A decision that changes nothing: audited, and the caller is told why. */
  const refuse = (run: Run, reason: ApprovalRefused["reason"], message: string, decider: string) =>
    store
      .audit({ runId: run.id, actor: decider, action: "refused", message, detail: { reason, status: run.status } })
      .pipe(Effect.zipRight(Effect.fail(new ApprovalRefused({ runId: run.id, reason, message }))))

  /** Ends a run that waited for approval longer than configured. */
  const expire = (run: Run) => {
    const message = `no decision within ${rules.settings.expiryHours ?? 0} h of the request for approval: the run expired and will not run`
    return finish(run, "expired", { outcome: { reason: "expired", message } }, "approval expired")
  }

  /**
   * An approval counts when it meets something the run still lacks (one approval; where routes ask, approvals from
   * their groups, from distinct people); the run is approved when nothing is missing, else it goes on waiting.
   */
  const approve = (run: Run, attempt: Attempt, approval: ApprovalDecision) =>
    Effect.gen(function* () {
      const routing = rules.requirementsFor(attempt)
      const given = attempt.approvals ?? []
      const who = approval.decidedBy
      const before = ApprovalRoutes.standing(routing, given)
      if (given.some((a) => a.decidedBy === who)) {
        return yield* refuse(run, "already-approved", `${who} already approved run ${run.id}; it still needs ${ApprovalRoutes.missingText(before).join(", ")} from someone else`, who)
      }
      if (!ApprovalRoutes.wouldCount(before, approval)) {
        const groups = approval.groups?.length ? `the groups ${approval.groups.join(", ")}` : "no approval group"
        return yield* refuse(run, "not-in-group", `run ${run.id} still needs ${ApprovalRoutes.missingText(before).join(", ")}; ${who} is in ${groups} (PYEXEC_APPROVAL_ROUTES): nothing was changed`, who)
      }
      const routed: Attempt = { ...attempt, ...(routing.length > 0 ? { routing } : {}) }
      const after = ApprovalRoutes.standing(routing, [...given, approval])
      if (ApprovalRoutes.complete(after)) {
        const by = [...given, approval].map((a) => a.decidedBy).join(", ")
        return yield* commit(run, { status: "approved", attempts: withAttempt(run, { ...routed, approval }) }, `approved by ${by}`, approval)
      }
      const still = ApprovalRoutes.missingText(after).join(", ")
      return yield* commit(run, { status: "awaiting_approval", attempts: withAttempt(run, { ...routed, approvals: [...given, approval] }) }, `approved by ${who}; still needs ${still}`, approval)
    })

  /** Ends the run, or with `revise` sends it back to the generator with the reviewer's reason while attempts remain. */
  const reject = (run: Run, attempt: Attempt, rejection: ApprovalDecision) =>
    Effect.gen(function* () {
      const who = rejection.decidedBy
      const said = `rejected by ${who}${rejection.comment ? `: ${rejection.comment}` : ""}`
      if (rejection.revise) {
        if (run.request.code !== undefined) {
          return yield* refuse(run, "not-revisable", `run ${run.id} runs the code given with its request: there is no model to send it back to; reject it, and ask again with other code`, who)
        }
        const error = { kind: "review" as const, message: `sent back by ${who}: ${rejection.comment ?? "the reviewer asked for other code"}` }
        const noted = yield* noteAttempt(run, { ...attempt, approval: rejection, error })
        const attempts = withAttempt(run, noted)
        const allowed = run.request.maxAttempts ?? maxAttempts
        if (run.attempts.length < allowed) return yield* commit(run, { status: "generating", attempts }, `attempt ${attempt.number}: ${error.message}`, rejection)
        const message = `${said} (attempt ${attempt.number} of ${allowed}: no attempts left to send it back)`
        return yield* finish(run, "rejected", { attempts, outcome: { reason: "rejected", message } }, said, rejection)
      }
      const noted = yield* noteAttempt(run, { ...attempt, approval: rejection })
      return yield* finish(run, "rejected", { attempts: withAttempt(run, noted), outcome: { reason: "rejected", message: said } }, said, rejection)
    })

  const apply = (run: Run, attempt: Attempt, decision: ApprovalDecision) =>
    Effect.gen(function* () {
      return decision.verdict === "approved" ? yield* approve(run, attempt, decision) : yield* reject(run, attempt, decision)
    })

  /** Applies a person's decision to a run that waits; anything else changes nothing, says why, and is audited. */
  const decide = (runId: RunId, decision: Decision, decider: Identity) =>
    Effect.gen(function* () {
      const run = yield* store.get(runId)
      const attempt = currentAttempt(run)
      const who = decider.name
      if (run.status !== "awaiting_approval" || !attempt) {
        const previous = attempt?.approval
        return yield* previous
          ? refuse(run, "already-decided", `run ${run.id} was already ${previous.verdict} by ${previous.decidedBy} at ${previous.decidedAt}; it is ${run.status} and will not run again`, who)
          : refuse(run, "not-awaiting", `run ${run.id} is ${run.status}, not awaiting approval: nothing was changed`, who)
      }
      const refusal = rules.refusal(run, decider)
      if (refusal) return yield* refuse(run, refusal.reason, refusal.message, who)
      const expiresAt = rules.expiresAt(run.updatedAt)
      if (expiresAt !== undefined && expiresAt <= Kernel.now()) {
        yield* expire(run).pipe(Effect.catchTag("StaleRun", () => Effect.void))
        return yield* refuse(run, "expired", `run ${run.id} waited for a decision until ${expiresAt} and has expired: ask again`, who)
      }
      if (decision.codeSha256 !== undefined && decision.codeSha256 !== attempt.codeSha256) {
        const named = `${decision.codeSha256.slice(0, 12)}…`
        return yield* refuse(run, "stale-code", `the decision names code ${named} but run ${run.id} waits on code ${attempt.codeSha256.slice(0, 12)}…: review the current code and decide again`, who)
      }
      const groups = rules.groupsOf(who)
      const approval: ApprovalDecision = {
        runId: run.id,
        codeSha256: attempt.codeSha256,
        verdict: decision.verdict,
        decidedBy: who,
        decidedAt: Kernel.now(),
        ...(decision.comment ? { comment: decision.comment } : {}),
        ...(decision.verdict === "rejected" && decision.revise ? { revise: true } : {}),
        ...(groups.length > 0 ? { groups } : {})
      }
      const next = yield* apply(run, attempt, approval).pipe(
        Effect.catchTag("StaleRun", () => refuse(run, "already-decided", `run ${run.id} was decided by someone else a moment ago: nothing was changed`, who))
      )
      if (next.status === "approved" || next.status === "generating") yield* notify
      return next
    })

  const cancel = (runId: RunId, by: Identity) =>
    Effect.gen(function* () {
      const run = yield* store.get(runId)
      if (isEnded(run.status)) return yield* new CancelRefused({ runId, reason: "ended", message: `run ${runId} is ${run.status}: there is nothing to cancel` })
      if (by.name !== run.request.requester && !hasRole(by, "approver")) {
        const message = `${by.name} may not cancel run ${runId}: only its requester (${run.request.requester}) or an approver may`
        yield* store.audit({ runId, actor: by.name, action: "refused", message, detail: { reason: "not-allowed", status: run.status } })
        return yield* new CancelRefused({ runId, reason: "not-allowed", message })
      }
      yield* store.requestCancel(runId, by.name)
      const request = Option.getOrThrow(yield* store.cancelRequest(runId))
      const held = yield* store.claim(claim, { runId })
      if (Option.isSome(held)) return yield* cancelling.end(held.value, request).pipe(Effect.ensuring(Effect.ignore(store.release(runId, claim.worker))))
      // the process that drives it ends it: wait for that, as long as a lease lasts (a dead holder's runs out)
      const until = Date.now() + claim.leaseMs + 5_000
      for (;;) {
        const latest = yield* store.get(runId)
        if (isEnded(latest.status) || Date.now() > until) return latest
        yield* Effect.sleep("200 millis")
      }
    })

  return Decisions.of({ decide, expire, cancel })
}

export const layer = Layer.effect(
  Decisions,
  Effect.gen(function* () {
    const records = yield* Kernel.records
    const config = yield* Effect.serviceOption(PipelineConfig)
    const maxAttempts = Option.match(config, { onNone: () => defaults.maxAttempts, onSome: (c) => c.maxAttempts })
    return make(records, Transitions.make(records), maxAttempts, yield* Kernel.claim)
  })
)
