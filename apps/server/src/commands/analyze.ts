import * as path from "node:path"
import { Args, Command, Options } from "@effect/cli"
import { ExecutionRequest, PipelineConfig, Policy } from "@pyexec/core"
import { Config, Console, Effect, Option } from "effect"
import * as ExitCode from "../internal/ExitCode.js"
import { version } from "../internal/version.js"

const paths = Args.text({ name: "PATH" }).pipe(Args.atLeast(1), Args.withDescription("Python files, or folders to search for *.py"))

const format = Options.choice("format", ["text", "json", "sarif"]).pipe(
  Options.withDefault("text" as const),
  Options.withDescription("text for people, json for scripts, sarif (2.1.0) for code-scanning tools")
)

const category = Options.text("category").pipe(
  Options.optional,
  Options.withDescription("with --format sarif: which analysis this is, for code scanning, when several are uploaded for one commit")
)

/** pyexec's own folder, with its README.md and docs/ (the CLI bundle keeps `import.meta.url` as this file's). */
const projectUri = new URL("../../../../", import.meta.url).href

/** The approval policy the decisions follow, as `exec` and `ask` read it. */
const policyMode = Config.literal(...ExecutionRequest.PolicyMode.literals)("PYEXEC_POLICY_MODE").pipe(
  Config.withDefault(PipelineConfig.defaults.policyMode)
)

/**
 * Analyzes Python files without running them and says, per file, what the policy would decide. It opens no
 * database: nothing is stored. Bad input (a missing path, no Python file) fails with a SourcePathError,
 * which bin.ts prints as one line and turns into exit status 2.
 */
export const analyze = Command.make("analyze", { paths, format, category }, ({ paths, format, category }) =>
  Effect.gen(function* () {
    const { AnalyzerConfig, Reports, TreeSitterAnalyzer } = yield* Effect.promise(() => import("@pyexec/analyzers"))
    const options = yield* AnalyzerConfig.fromEnvironment
    const epicsWrites = yield* Config.literal(...Policy.EpicsWrites.literals)("PYEXEC_EPICS_WRITES").pipe(Config.withDefault("allow" as const))
    const files = yield* Reports.analyzeFiles(paths, {
      mode: yield* policyMode,
      policy: { epicsWrites },
      analyze: (code) => TreeSitterAnalyzer.analyze(code, options)
    })
    const output =
      format === "json"
        ? JSON.stringify(Reports.jsonReport(files))
        : format === "sarif"
          ? JSON.stringify(Reports.sarifReport(files, {
              rules: options.rules,
              version,
              cwd: path.resolve(),
              projectUri,
              category: Option.getOrUndefined(category)
            }), null, 2)
          : Reports.textReport(files)
    yield* Console.log(output)
    yield* ExitCode.set(Reports.allMayExecute(files) ? ExitCode.analyzeCodes.allExecute : ExitCode.analyzeCodes.notExecutable)
  })
).pipe(Command.withDescription("Analyze Python files without running them: findings, and what the approval policy decides for each file"))
