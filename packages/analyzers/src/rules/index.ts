import type { Rule } from "../Rule.js"
import { analysisFailed } from "./analysisFailed.js"
import { caputCommand } from "./caputCommand.js"
import { dynamicCode } from "./dynamicCode.js"
import { dynamicLookup } from "./dynamicLookup.js"
import { epicsValueEscapes } from "./epicsValueEscapes.js"
import { fileDelete } from "./fileDelete.js"
import { moduleReflection } from "./moduleReflection.js"
import { networkAccess } from "./networkAccess.js"
import { pvRead } from "./pvRead.js"
import { pvWrite } from "./pvWrite.js"
import { subprocessCall } from "./subprocessCall.js"
import { syntaxError } from "./syntaxError.js"
import { unknownEpicsCall } from "./unknownEpicsCall.js"
import { unsafeDeserialization } from "./unsafeDeserialization.js"
import { unvettedImport } from "./unvettedImport.js"
import { writeOutsideWorkdir } from "./writeOutsideWorkdir.js"

/** Every built-in rule, in code order. */
export const builtinRules: ReadonlyArray<Rule> = [
  analysisFailed,
  syntaxError,
  pvWrite,
  caputCommand,
  unknownEpicsCall,
  dynamicLookup,
  epicsValueEscapes,
  pvRead,
  subprocessCall,
  dynamicCode,
  fileDelete,
  writeOutsideWorkdir,
  networkAccess,
  unsafeDeserialization,
  moduleReflection,
  unvettedImport
]

/** Rules the engine reports itself; they have no fixtures. */
export const engineRules: ReadonlySet<string> = new Set([analysisFailed.code])

export { analysisFailed }
