export { axisTitle, formatExact, formatInputs, formatInputValue, formatNumber, formatPercent, formatQuantity } from './number'
