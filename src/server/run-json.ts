import type { RunHeader } from '../store'

/**
 * A run as `/api/benchmarks/<name>` lists it (and a static report's `benchmark.json`): its header
 * in the run format's field names, without samples, with the links to its samples given.
 */
export function runJson(r: RunHeader, links: Record<string, string>): Record<string, unknown> {
  return {
    id: r.id,
    title: r.title,
    time: r.time,
    time_label: r.timeLabel,
    tag: r.tag,
    commit: r.commit,
    branch: r.branch,
    description: r.description,
    post_description: r.postDescription,
    repeats: r.repeats,
    inputs: r.inputs,
    consts: r.consts,
    results: r.results,
    meta: r.meta,
    samples: r.sampleCount,
    failure_count: r.failureCount,
    failures: r.failures,
    panels: r.panels ?? [],
    links,
  }
}
