import iconv from 'iconv-lite';
import { decodeText } from './text-encoding';

const SAMPLE = '政府信息公开工作年度报告　一、总体情况';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(SAMPLE);
    expect(decodeText(utf8)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('detects GBK / GB18030', () => {
    expect(decodeText(new Uint8Array(iconv.encode(SAMPLE, 'gbk')))).toEqual({ text: SAMPLE, encoding: 'gb18030' });
    expect(decodeText(new Uint8Array(iconv.encode(SAMPLE, 'gb18030')))).toEqual({ text: SAMPLE, encoding: 'gb18030' });
  });

  it('reads UTF-16 with a BOM', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...iconv.encode(SAMPLE, 'utf-16le')]);
    expect(decodeText(utf16).text).toBe(SAMPLE);
  });

  it('follows a declared GBK charset', () => {
    expect(decodeText(new Uint8Array(iconv.encode(SAMPLE, 'gbk')), 'GB2312').text).toBe(SAMPLE);
  });
});
