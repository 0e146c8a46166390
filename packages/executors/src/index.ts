export * as LocalExecutor from "./LocalExecutor.js"
export * as Runner from "./Runner.js"
