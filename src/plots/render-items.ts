// The renderItem functions of custom series, by the name options carry in `renderItem` (JSON
// cannot carry functions). Each lives in its kind's module (src/plots/kinds); they reference nothing
// but their arguments, because the same source is sent to the browser to hydrate the charts.
import { runKinds } from './kinds'
import type { RenderItem } from './kinds/_types'

export const renderItems: Record<string, RenderItem> = Object.assign({}, ...runKinds.map((k) => k.renderItems ?? {}))
