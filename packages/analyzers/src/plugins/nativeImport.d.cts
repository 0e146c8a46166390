declare const nativeImport: (specifier: string) => Promise<Record<string, unknown>>
export = nativeImport
