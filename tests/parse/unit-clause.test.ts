import { describe, expect, it } from 'vitest';
import { assignRoles, matchUnitLine, parseClauseBody, splitTrailingClause, splitUnitList } from '../../src/parse/unit-clause.js';

const roles = (body: string) => assignRoles(parseClauseBody(body) ?? []).map((r) => `${r.raw}:${r.role}`);

describe('unit clauses', () => {
  it('first unit leads without labels', () => {
    expect(roles('责任单位：市工商局、法制办、人行')).toEqual(['市工商局:lead', '法制办:support', '人行:support']);
  });
  it('labels win, joint leads stay joint', () => {
    expect(roles('牵头单位：市发改委、经贸委；配合单位：市科技局')).toEqual(['市发改委:lead', '经贸委:lead', '市科技局:support']);
  });
  it('reads role words', () => {
    expect(roles('市经信委、市国土资源局牵头落实')).toEqual(['市经信委:lead', '市国土资源局:lead']);
    expect(roles('省发展改革委牵头，各地、各部门配合。')).toEqual(['省发展改革委:lead', '各地:support', '各部门:support']);
    const parts = matchUnitLine('此项工作由市卫生局主办，市民政局、劳动和社会保障局协办。');
    expect(assignRoles(parts!).map((r) => r.role)).toEqual(['lead', 'support', 'support']);
  });
  it('never splits inside brackets', () => {
    expect(splitUnitList('市发改委、相关县（市、区）政府')).toEqual(['市发改委', '相关县（市、区）政府']);
  });
  it('tells a unit clause from other brackets', () => {
    expect(splitTrailingClause('街道（镇）设立公共服务中心')).toBeNull();
    expect(splitTrailingClause('覆盖半径（0.5公里）')).toBeNull();
    expect(splitTrailingClause('加快建设。（市经信委牵头落实')!.body).toBe('市经信委牵头落实');
  });
});
