import type { Rule } from "../Rule.js"
import { pvWrite } from "./pvWrite.js"
import { syntaxError } from "./syntaxError.js"

/** Every built-in rule, in code order. */
export const builtinRules: ReadonlyArray<Rule> = [syntaxError, pvWrite]
