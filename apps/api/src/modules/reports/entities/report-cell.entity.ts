import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/** One number of one version, with the agency and year copied in for analytics. */
@Entity({ name: 'report_cell' })
export class ReportCellEntity {
  @PrimaryColumn({ name: 'version_id', type: 'uuid' })
  versionId: string;

  /** `<table>.<row>.<column>`, e.g. applications.newReceived.total. */
  @PrimaryColumn({ type: 'text' })
  address: string;

  @Column({ name: 'table_key', type: 'text' })
  tableKey: string;

  @Column({ name: 'row_key', type: 'text' })
  rowKey: string;

  @Column({ name: 'column_key', type: 'text' })
  columnKey: string;

  @Column({ type: 'numeric', transformer: numericTransformer })
  value: number;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @Column({ type: 'integer' })
  year: number;
}
