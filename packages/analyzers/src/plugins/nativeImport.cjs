// Node's own import(), from a module Node loads itself. The CLI's bundle cannot import() (compiled from V8's code
// cache, Node 20 loses its callback), and it loads this file where it lies, as it does native modules.
module.exports = (specifier) => import(specifier)
