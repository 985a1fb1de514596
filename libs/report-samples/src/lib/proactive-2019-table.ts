import type { Report2019 } from '@atlas/report-model';
import { perturbLabel, ValueFormatter, type Perturbations, type ValueKind } from './perturbations';
import { TableModelBuilder, type TableModel } from './table-model';

/**
 * Table 2 of the 2019 trial format (国办公开办函〔2019〕60号) as its template lays it out: five
 * sections headed by their clause of 条例 第二十条, each with its own column labels; 行政事业性收费
 * and 政府集中采购 have two value columns, the second over two grid columns.
 */
export function proactive2019TableModel(report: Report2019, perturb: Perturbations): TableModel {
  const format = new ValueFormatter(perturb);
  const p = report.proactive;
  const builder = new TableModelBuilder(4);
  const section = (clause: string, columns: string[]) => {
    builder.nextRow().cell(clause, 1, 4);
    builder.nextRow().cell('信息内容');
    columns.forEach((label, index) =>
      builder.cell(label, 1, columns.length === 2 && index === 1 ? 2 : 1),
    );
  };
  const row = (label: string, values: [number, ValueKind][]) => {
    builder.nextRow().cell(perturbLabel(label, perturb));
    values.forEach(([value, kind], index) =>
      builder.cell(format.format(value, kind), 1, values.length === 2 && index === 1 ? 2 : 1),
    );
  };
  const published = (label: string, values: typeof p.regulations, noted: boolean) => {
    const note =
      noted && values.newlyMade > 0 ? `（其中修订 ${Math.min(values.newlyMade, 3)} 件）` : '';
    builder.nextRow().cell(perturbLabel(label, perturb));
    builder.cell(`${format.format(values.newlyMade, 'table2Count')}${note}`);
    builder.cell(format.format(values.newlyPublished, 'table2Count'));
    builder.cell(format.format(values.totalPublished, 'table2Count'));
  };
  const items = (label: string, values: typeof p.licensing) =>
    row(label, [
      [values.previousYearItems, 'table2Count'],
      [values.change, 'change'],
      [values.decisions, 'table2Count'],
    ]);
  const ITEM_COLUMNS = ['上一年项目数量', '本年增/减', '处理决定数量'];

  section('第二十条第（一）项', ['本年新制作数量', '本年新公开数量', '对外公开总数量']);
  published('规章', p.regulations, false);
  published('规范性文件', p.normativeDocuments, perturb.noteInTable2 === true);
  section('第二十条第（五）项', ITEM_COLUMNS);
  items('行政许可', p.licensing);
  items('其他对外管理服务事项', p.otherServices);
  section('第二十条第（六）项', ITEM_COLUMNS);
  items('行政处罚', p.penalty);
  items('行政强制', p.coercion);
  section('第二十条第（八）项', ['上一年项目数量', '本年增/减']);
  row('行政事业性收费', [
    [p.fees.previousYearItems, 'table2Count'],
    [p.fees.change, 'change'],
  ]);
  section('第二十条第（九）项', ['采购项目数量', '采购总金额']);
  row('政府集中采购', [
    [p.procurement.projects, 'table2Count'],
    [p.procurement.amount, 'amount'],
  ]);
  return builder.build();
}
