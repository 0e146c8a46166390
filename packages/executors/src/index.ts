export * as ChannelLimits from "./ChannelLimits.js"
export * as LocalExecutor from "./LocalExecutor.js"
export * as Runner from "./Runner.js"
