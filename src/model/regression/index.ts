export { baselineValue, detectRegressions, checkBenchmark, resolveMethod, significance } from './detect'
export type { BaselineValue, BenchmarkVerdict, PointVerdict, RegressionOptions, ResultVerdict, Verdict } from './detect'
export { compareRuns } from './compare'
export type { CompareOptions, PointComparison, ResultComparison, RunComparison } from './compare'
export { judge, changePercentOf, defaultThresholds, defaultGatePercent, needsHistory } from './methods'
export type { Change, HistorySamples, JudgeOptions, Judgement } from './methods'
export { mannWhitneyU, mannKendall, theilSenSlope, normalSf } from './rank-tests'
export type { TestResult } from './rank-tests'
export { toCheckReport, toCompareReport, checkSchemas, finiteOrNull, formatChange, formatThreshold, formatRunRef, formatChangePoint, formatMovedAt, formatMovement, pointsWith } from './report'
export type {
  CheckReport,
  CheckReportV1,
  CheckReportV2,
  CheckReportOptions,
  CompareReport,
  CheckBenchmarkJson,
  CheckBenchmarkJsonV2,
  CheckResultJson,
  CheckResultJsonV2,
  CheckPointJson,
  CheckPointJsonV2,
  ChangePointJson,
  ResultChangePointJson,
  PointGroupJson,
} from './report'
export { findChangePoints, findPointChangePoints, latestChangePoint, segmentSeries, shiftRatio, changePointDefaults } from './change-points'
export type { ChangePointOptions, PointChangePoints, PointShift, ResultChangePoint, ResultChangePoints, RunChangePoint, SeriesChangePoint } from './change-points'
export { describeMovement, describePoints } from './where-moved'
export type { Movement, PointGroup } from './where-moved'
export { summarizeBenchmark, worstVerdict } from './summary'
export { isSparkText, sparkPairs, sparkRunCount, sparkText } from './spark-text'
export { indexRowOptions, indexRowText, indexRowVersion, readIndexRowText } from './index-row-text'
export type { IndexRow, IndexResultSummary, SparkPoint, SummarizeOptions } from './summary'
