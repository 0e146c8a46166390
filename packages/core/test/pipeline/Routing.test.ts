import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { type Approval, ApprovalRoutes, type ApprovalRules, type Executor, type Identity, Pipeline, type Run, RunStore, type WriteLedger } from "../../src/index.js"
import { FakeAnalyzer, FakeExecutor, FakeKernel } from "../../src/testing/index.js"

const approve = (run: Run.Run): Approval.Decision => ({ codeSha256: run.attempts.at(-1)!.codeSha256, verdict: "approved" })
const person = (name: string): Identity.Identity => ({ name, roles: ["requester", "approver"] })

const planned = (channel: string, value: number): WriteLedger.WriteRecord => ({ channel, protocol: "ca", library: "pyepics", before: 0, value, at: "2026-01-01T00:00:00.000Z", state: "planned" })
/** Previews the writes of `channels`; runs whatever it is asked. */
const previewing =
  (...channels: Array<string>) =>
  (job: Executor.ExecutionJob) =>
    job.preview ? FakeExecutor.succeeded({}, { writes: channels.map((c, i) => planned(c, i)) }) : FakeExecutor.succeeded({})

const routes: ApprovalRoutes.Routes = {
  groups: { rf: ["rita", "raj"], vacuum: ["vera"] },
  routes: [
    { channels: ["SR:RF:*"], group: "rf", approvals: 1 },
    { channels: ["*:GV*"], approvals: 2 },
    { categories: ["process"], group: "vacuum", approvals: 1 }
  ]
}
const rules: ApprovalRules.ApprovalSettings = { approvers: [], fourEyes: true, routes }
const code = `import epics\nepics.caput("X", 1)\nresults = {}\n`

const layer = (channels: Array<string>, extra: Partial<Parameters<typeof FakeKernel.layer>[0]> = {}) =>
  FakeKernel.layer({ executor: { run: previewing(...channels) }, rules, ...extra })

const refusedFor = (run: Run.Run, who: string) =>
  Effect.flatMap(Pipeline.Pipeline, (pyexec) => Effect.flip(pyexec.decide(run.id, approve(run), person(who))))

describe("approval routing by what the preview plans to change", () => {
  it.live("a channel under a group's route cannot be approved by someone outside the group; a member's approval settles it", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code, requester: "op" })
      expect(waiting.attempts[0]?.routing).toEqual([{ because: "SR:RF:* (SR:RF:FREQ_SET)", group: "rf", approvals: 1 }])
      const outsider = yield* refusedFor(waiting, "vera")
      expect(outsider).toMatchObject({ _tag: "ApprovalRefused", reason: "not-in-group" })
      expect(outsider.message).toContain("1 approval from group rf (SR:RF:* (SR:RF:FREQ_SET))")
      expect((yield* (yield* RunStore.RunStore).get(waiting.id)).version).toBe(waiting.version)
      const done = yield* pyexec.resume(waiting.id, approve(waiting), person("rita"))
      expect(done.status).toBe("succeeded")
      expect(done.attempts[0]?.approval).toMatchObject({ decidedBy: "rita", groups: ["rf"] })
    }).pipe(Effect.provide(layer(["SR:RF:FREQ_SET"]))))

  it.live("a gate valve needs two people: the first approval is counted and the run goes on waiting; the same person twice is refused", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code, requester: "op" })
      const first = yield* pyexec.decide(waiting.id, approve(waiting), person("alice"))
      expect(first.status).toBe("awaiting_approval")
      expect(first.attempts[0]?.approvals?.map((a) => a.decidedBy)).toEqual(["alice"])
      expect(ApprovalRoutes.missingText(ApprovalRoutes.standingOf(first.attempts[0]!))).toEqual(["1 more approval (*:GV* (SR:V1:GV2_CMD))"])
      expect((yield* FakeExecutor.FakeExecutor).jobs().filter((j) => !j.preview)).toEqual([])
      const twice = yield* refusedFor(first, "alice")
      expect(twice).toMatchObject({ _tag: "ApprovalRefused", reason: "already-approved" })
      const own = yield* refusedFor(first, "op")
      expect(own).toMatchObject({ _tag: "ApprovalRefused", reason: "own-run" })
      const done = yield* pyexec.resume(waiting.id, approve(waiting), person("bob"))
      expect(done.status).toBe("succeeded")
      expect(ApprovalRoutes.approvalsOf(done.attempts[0]!).map((a) => a.decidedBy)).toEqual(["alice", "bob"])
      expect(ApprovalRoutes.complete(ApprovalRoutes.standingOf(done.attempts[0]!))).toBe(true)
      const audit = yield* (yield* RunStore.RunStore).auditLog(waiting.id)
      expect(audit.filter((a) => a.action === "approved").map((a) => a.actor)).toEqual(["alice", "bob"])
      expect(audit.filter((a) => a.action === "refused").map((a) => a.detail?.reason)).toEqual(["already-approved", "own-run"])
    }).pipe(Effect.provide(layer(["SR:V1:GV2_CMD"]))))

  it.live("one person counts toward every route they qualify for, but a second person is still needed for two approvals", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code, requester: "op" })
      expect(waiting.attempts[0]?.routing?.map((r) => r.group ?? `${r.approvals}`)).toEqual(["rf", "2"])
      const first = yield* pyexec.decide(waiting.id, approve(waiting), person("rita"))
      expect(ApprovalRoutes.missingText(ApprovalRoutes.standingOf(first.attempts[0]!))).toEqual(["1 more approval (*:GV* (SR:RF:GV1))"])
      const second = yield* pyexec.decide(waiting.id, approve(waiting), person("bob"))
      expect(second.status).toBe("approved")
    }).pipe(Effect.provide(layer(["SR:RF:GV1"]))))

  it.live("channels the plan does not touch ask nothing more than one approval", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code, requester: "op" })
      expect(waiting.attempts[0]?.routing).toBeUndefined()
      expect((yield* pyexec.decide(waiting.id, approve(waiting), person("alice"))).status).toBe("approved")
    }).pipe(Effect.provide(layer(["SR:Q01:CURRENT_SP"]))))

  it.live("without a plan (the preview failed) every channel route applies: pyexec cannot tell which channels change", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code, requester: "op" })
      expect(waiting.attempts[0]?.preview?.error).toBeDefined()
      expect(waiting.attempts[0]?.routing?.map((r) => r.because)).toEqual([
        "SR:RF:* (no preview shows which channels the code writes)",
        "*:GV* (no preview shows which channels the code writes)"
      ])
    }).pipe(Effect.provide(FakeKernel.layer({ rules, executor: { run: (job) => (job.preview ? FakeExecutor.raised("ValueError", "no") : FakeExecutor.succeeded({})) } }))))

  it.live("an analyzer category routes too: code that starts a process needs the vacuum group", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: `import subprocess\nsubprocess.run(["ls"])\nresults = {}\n`, requester: "op" })
      expect(waiting.attempts[0]?.routing?.map((r) => [r.because, r.group])).toEqual([["category process", "vacuum"]])
      expect(yield* refusedFor(waiting, "rita")).toMatchObject({ reason: "not-in-group" })
      expect((yield* pyexec.decide(waiting.id, approve(waiting), person("vera"))).status).toBe("approved")
    }).pipe(
      Effect.provide(
        FakeKernel.layer({ rules, executor: { run: () => FakeExecutor.succeeded({}) }, analyzer: [...FakeAnalyzer.defaultRules, { match: /subprocess\.run/, category: "process", rule: "PY001", message: "starts a process" }] })
      )
    ))

  it.live("anyone who may decide can reject, in a group or not", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code, requester: "op" })
      const rejected = yield* pyexec.decide(waiting.id, { verdict: "rejected", comment: "not now" }, person("vera"))
      expect(rejected.status).toBe("rejected")
    }).pipe(Effect.provide(layer(["SR:RF:FREQ_SET"]))))
})

describe("the routes file", () => {
  it.effect("refuses a route that names an undefined group or nothing to match", () =>
    Effect.gen(function* () {
      const fs = yield* Effect.promise(() => import("node:fs"))
      const os = yield* Effect.promise(() => import("node:os"))
      const dir = fs.mkdtempSync(`${os.tmpdir()}/routes-`)
      const write = (name: string, text: string) => {
        fs.writeFileSync(`${dir}/${name}`, text)
        return `${dir}/${name}`
      }
      const undefinedGroup = yield* Effect.flip(ApprovalRoutes.load(write("a.yaml", "groups: {rf: [rita]}\nroutes:\n  - channels: ['SR:RF:*']\n    group: rff\n")))
      expect(undefinedGroup.message).toMatch(/route 1 names group rff, which is not under groups \(rf\)/)
      const empty = yield* Effect.flip(ApprovalRoutes.load(write("b.yaml", "routes:\n  - group: rf\n")))
      expect(empty.message).toMatch(/route 1 names no channels and no categories/)
      const typo = yield* Effect.flip(ApprovalRoutes.load(write("c.yaml", "routes:\n  - channel: ['X']\n")))
      expect(typo.message).toMatch(/channel/)
      const missing = yield* Effect.flip(ApprovalRoutes.load(`${dir}/none.yaml`))
      expect(missing.message).toMatch(/no such file: check PYEXEC_APPROVAL_ROUTES/)
      const good = yield* ApprovalRoutes.load(write("d.yaml", "groups:\n  rf: [rita]\nroutes:\n  - channels: ['SR:RF:*']\n    group: rf\n  - channels: ['*:GV*']\n    approvals: 2\n"))
      expect(good.routes.map((r) => r.approvals)).toEqual([1, 2])
    }))
})
