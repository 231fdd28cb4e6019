/**
 * bench-plot's library API: record runs from a Bun or Node script, read them back, serve them.
 * @example
 * const store = await openStore('cachedir/bench-plot.sqlite')
 * await store.record({ benchmark: 'sort', samples: [{ inputs: { n: 10 }, results: { time: 0.12 } }] })
 */
export { BenchPlotError } from './errors'
export type { ErrorCode } from './errors'
export { openReadStore, openStore } from './store'
export type { ReadStore, RunHeader, SaveOutcome, Store, StoreBackend } from './store'
export { parseRunsJson, validateRun, runToInput } from './model/run-format'
export type { RunInput, ParseRunOptions } from './model/run-format'
export type { Benchmark, BenchmarkSummary, Column, ConstVar, Direction, Failure, InputKind, InputValue, InputVar, ResultKind, ResultVar, Run } from './model/types'
export { createApp, findFreePort, loadBenchmark, plotServer, serve } from './server'
export type { PanelsOption } from './server'
export { checkPanels } from './model/panels'
export type { Panel, PanelCell, PanelKind, PanelPlace } from './model/panels'
export type { CreateAppOptions, FindFreePortOptions, PlotServerOptions, RunningServer, ServeOptions, StoreLocation } from './server'
export { importSource, formats } from './import'
export type { ImportOptions, ImportSource } from './import'
export { buildHistories } from './model/history'
export type { History } from './model/history'
export { checkBenchmark, compareRuns, detectRegressions, toCheckReport, toCompareReport } from './model/regression'
export type { BenchmarkVerdict, CheckReport, CompareReport, RegressionOptions, RunComparison } from './model/regression'
export { describeMovement, findChangePoints, findPointChangePoints, latestChangePoint } from './model/regression'
export type { ChangePointOptions, Movement, ResultChangePoint, ResultChangePoints, RunChangePoint } from './model/regression'
export { sweepSignature } from './model/signature'
export type { SweepSignature } from './model/signature'
