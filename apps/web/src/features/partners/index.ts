/** What other features may use of the partners feature. */
export { InfluenceMap, type MapPartner } from './InfluenceMap.tsx';
