// Messages of the 通报 downloads (a region's notice on a year's annual reports).
// vue-i18n message syntax: `{`, `}`, `@`, `$` and `|` are special; avoid them in plain text.
export const zhCN = {
  docx: '下载通报（Word）',
  xlsx: '通报清单（Excel）',
  hint: '{year}年度通报：总体情况、逾期、未报送、存在错误和内容雷同的年报，整改情况与图表',
  done: '已下载：{name}',
};

export const en: typeof zhCN = {
  docx: 'Bulletin (Word)',
  xlsx: 'Bulletin lists (Excel)',
  hint: 'Bulletin for {year}: summary, late, missing, failing and copied reports, rectifications and charts',
  done: 'Downloaded: {name}',
};
