/** @wasm-fmt/gofmt's binding (plain JavaScript): formats `source` with an instance's exports, or throws gofmt's error. */
declare module '@wasm-fmt/gofmt/gofmt_binding.js' {
  export function format(wasm: WebAssembly.Exports, source: string): string;
}
