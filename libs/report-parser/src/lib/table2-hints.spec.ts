import { table2HintsFrom } from './table2-hints';

describe('table2HintsFrom', () => {
  it('reads the normative-document counts the text states', () => {
    expect(table2HintsFrom('集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。')).toEqual({
      'proactive.normativeDocuments.inForce': 698,
      'proactive.normativeDocuments.issued': 88,
    });
    expect(table2HintsFrom('本年度制发行政规范性文件 62 件')).toEqual({ 'proactive.normativeDocuments.issued': 62 });
  });

  it('reads the 2019 format\'s newly made and newly published counts', () => {
    expect(
      table2HintsFrom('本年度新制作规范性文件2件，新公开规范性文件2件，对外公开规范性文件总数47件。新制作规章1件'),
    ).toEqual({
      'proactive.normativeDocuments.newlyMade': 2,
      'proactive.normativeDocuments.newlyPublished': 2,
      'proactive.normativeDocuments.totalPublished': 47,
      'proactive.regulations.newlyMade': 1,
    });
  });

  it('states nothing when the text says nothing', () => {
    expect(table2HintsFrom('全年主动公开政府信息2645条')).toEqual({});
  });
});
