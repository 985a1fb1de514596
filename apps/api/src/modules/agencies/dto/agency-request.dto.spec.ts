import { BadRequestException, type Type } from '@nestjs/common';
import { createValidationPipe } from '../../../common/http/validation';
import { CreateAgencyDto } from './create-agency.dto';
import { ExportAgenciesQueryDto } from './export-agencies-query.dto';
import { ListAgenciesQueryDto } from './list-agencies-query.dto';
import { UpdateAgencyDto } from './update-agency.dto';

const pipe = createValidationPipe();

function validate<T>(
  metatype: Type<T>,
  value: unknown,
  type: 'body' | 'query' = 'body',
): Promise<T> {
  return pipe.transform(value, { type, metatype }) as Promise<T>;
}

async function refusal(
  metatype: Type<unknown>,
  value: unknown,
  type: 'body' | 'query' = 'body',
): Promise<string> {
  const error: unknown = await validate(metatype, value, type).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof BadRequestException)) throw new Error('expected a 400');
  return (error.getResponse() as { message: string }).message;
}

const valid = { code: ' 330100 ', name: ' 杭州市人民政府 ', level: 'city', kind: 'government' };

describe('CreateAgencyDto', () => {
  it('trims code and name and accepts a root without years', async () => {
    await expect(validate(CreateAgencyDto, valid)).resolves.toEqual({
      code: '330100',
      name: '杭州市人民政府',
      level: 'city',
      kind: 'government',
    });
  });

  it('refuses bad codes, blank names, unknown levels and kinds, non-uuid parents and odd years, in Chinese', async () => {
    const message = await refusal(CreateAgencyDto, {
      code: '杭州',
      name: '  ',
      level: '市级',
      kind: 'bureau',
      parentId: 'x',
      activeFromYear: 20.5,
    });
    expect(message).toContain('编码只能包含字母、数字');
    expect(message).toContain('名称不能为空');
    expect(message).toContain('层级应为 province(省级)');
    expect(message).toContain('类型应为 government(人民政府)');
    expect(message).toContain('上级机构 id 必须是 UUID');
    expect(message).toContain('起始年度必须是整数年份');
  });

  it('refuses fields it does not know', async () => {
    expect(await refusal(CreateAgencyDto, { ...valid, path: 'a.b' })).toContain('path');
  });
});

describe('UpdateAgencyDto', () => {
  it('accepts a partial change and null to move to the top or clear a year', async () => {
    await expect(
      validate(UpdateAgencyDto, { parentId: null, activeToYear: null }),
    ).resolves.toEqual({ parentId: null, activeToYear: null });
    await expect(validate(UpdateAgencyDto, { name: '新名称' })).resolves.toEqual({
      name: '新名称',
    });
  });

  it('refuses null for fields that cannot be empty', async () => {
    const message = await refusal(UpdateAgencyDto, {
      code: null,
      name: null,
      level: null,
      kind: null,
    });
    expect(message).toContain('编码必须是文本');
    expect(message).toContain('名称必须是文本');
    expect(message).toContain('层级应为');
    expect(message).toContain('类型应为');
  });
});

describe('query DTOs', () => {
  it('validates list filters and the export format', async () => {
    await expect(
      validate(ListAgenciesQueryDto, { q: ' 教育 ', level: 'county' }, 'query'),
    ).resolves.toEqual({ q: '教育', level: 'county' });
    expect(await refusal(ListAgenciesQueryDto, { parentId: '1' }, 'query')).toContain(
      'parentId 必须是 UUID',
    );
    expect(await refusal(ExportAgenciesQueryDto, { format: 'xls' }, 'query')).toContain(
      'format 应为 csv 或 xlsx',
    );
  });
});
