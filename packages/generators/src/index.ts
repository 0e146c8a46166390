export { extractCode } from "./extractCode.js"
export * as OllamaGenerator from "./OllamaGenerator.js"
export * as OpenAiGenerator from "./OpenAiGenerator.js"
export * as Prompt from "./Prompt.js"
