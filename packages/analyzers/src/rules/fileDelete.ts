import { dangerousCallRule } from "./dangerousCall.js"

export const fileDelete = dangerousCallRule({
  code: "PY003",
  name: "file-delete",
  category: "file-delete",
  severity: "warning",
  verb: "deletes files or folders",
  doc: {
    whatItDoes: "Finds calls that delete files or folders: `os.remove`, `os.unlink`, `os.rmdir`, `shutil.rmtree`, `Path.unlink`, `Path.rmdir`.",
    whyIsThisBad: "Analysis code has no reason to delete anything; a wrong path loses data that cannot be brought back.",
    example: 'import shutil\nshutil.rmtree("/data/archive")',
    useInstead: "Leave files in place; write results into the run's own folder."
  }
})
