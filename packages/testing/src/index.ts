export * as FakeOllama from "./FakeOllama.js"
export * as FakeOpenAi from "./FakeOpenAi.js"
export * as HttpServer from "./httpServer.js"
export * as PostgresDatabase from "./PostgresDatabase.js"
