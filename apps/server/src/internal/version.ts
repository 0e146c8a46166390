/** pyexec's version, as `--version` prints it and SARIF reports name it. */
export const version = "0.1.0"
