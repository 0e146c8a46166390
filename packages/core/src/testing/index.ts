export * as FakeExecutor from "./FakeExecutor.js"
export * as FakeGenerator from "./FakeGenerator.js"
export * as FakeRunStore from "./FakeRunStore.js"
