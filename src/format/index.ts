export { axisTitle, formatExact, formatInputs, formatInputValue, formatNumber, formatPercent, formatQuantity, formatTime } from './number'
export { escapeHtml, scriptJson } from './escape'
