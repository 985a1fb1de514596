// vue-i18n message syntax: `{`, `}`, `@`, `$` and `|` are special; avoid them in plain text.
import * as admin from './features/admin';
import * as alerts from './features/alerts';
import * as analytics from './features/analytics';
import * as auth from './features/auth';
import * as bulletins from './features/bulletins';
import * as charts from './features/charts';
import * as copies from './features/copies';
import * as notifications from './features/notifications';
import * as rectification from './features/rectification';
import * as report from './features/report';
import * as todo from './features/todo';
import * as upload from './features/upload';
const zhCN = {
  app: {
    name: '政务公开年报汇聚分析平台',
  },
  language: {
    self: '中文',
    switch: '切换语言',
  },
  /** The buttons every dialog shares (components/DialogShell.vue). */
  dialog: {
    cancel: '取消',
    close: '关闭',
  },
  nav: {
    overview: '总览',
    trends: '趋势',
    compare: '对比',
    yoy: '同比',
    breakdown: '申请与办理',
    quality: '合规与数据质量',
    reports: '报告',
    upload: '上传',
    admin: '管理',
    reportDetail: '报告详情',
    rectifications: '整改台账',
    bulkImport: '批量导入',
    todo: '我的待办',
    password: '设置密码',
    rules: '规则说明',
    alerts: '预警',
  },
  pages: {
    todo: '本单位年报的报送期限、需要报送或修改的报告',
    overview: '各机构、各年度年报的提交情况与关键指标汇总',
    trends: '多年度主动公开、依申请公开办理结果、行政复议与诉讼、检查合格率等指标的趋势图',
    compare: '同一年度不同机构之间各项指标的横向对比与排名',
    yoy: '各机构各项指标与上一年度相比的增减变化',
    breakdown: '范围内各类申请人的政府信息公开申请及其办理结果（表三汇总）',
    quality: '年报格式与栏目合规检查、表格数据勾稽校验及数据质量问题清单',
    reports: '已上传年报的列表、原文查看与解析结果',
    upload: '上传本机构的政府信息公开工作年度报告，预览解析结果后提交',
    admin: '机构树、用户账号与角色权限的维护',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已被移除，请检查地址是否正确。',
    back: '返回总览',
  },
  layout: {
    collapse: '收起侧栏',
    expand: '展开侧栏',
  },
  system: {
    checking: '正在检查',
    ok: '系统正常',
    dbDown: '数据库不可用',
    unreachable: '连接失败',
    version: '版本 {version}',
    versionShort: 'v{version}',
  },
  rules: {
    intro: '每一条检查结果都对应下面的一条规则：它检查什么、读取哪些单元格或部分、依据何在。',
    failed: '规则目录加载失败，请刷新重试',
    looksAt: '读取',
    source: '依据',
    scope: { report: '单份报告', crossReport: '跨报告（与上年或同地区报告比较）', submission: '提交时（报送期限、下级单位报告）', parse: '读取报告时' },
    severity: { error: '错误', warning: '提示' },
    sourceKind: { regulation: '条例', notice: '国家通知', template: '格式模板', practice: '实务' },
    link: '规则说明',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试',
    http: '请求失败（HTTP {status}）',
  },
  admin: admin.zhCN,
  alerts: alerts.zhCN,
  analytics: analytics.zhCN,
  auth: auth.zhCN,
  bulletins: bulletins.zhCN,
  charts: charts.zhCN,
  copies: copies.zhCN,
  notifications: notifications.zhCN,
  rectification: rectification.zhCN,
  report: report.zhCN,
  todo: todo.zhCN,
  upload: upload.zhCN,
};

export default zhCN;
