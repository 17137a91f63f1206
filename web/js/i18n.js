// Interface texts: Chinese first (the default), English by the switch. One key per visible label.
export const TEXT = {
  zh: {
    title: '风险一张图', subtitle: '自然灾害风险隐患', lang_switch: 'English',
    layers: '图层', hazards: '风险隐患点', risk_zones: '风险区', shelters: '应急避难场所', base_online: '在线底图', base_offline: '离线底图（省界）',
    filters: '筛选', min_level: '最低风险等级', any_level: '全部等级', status: '状态', county: '区县代码', county_ph: '如 500101',
    clear_filters: '清除筛选', legend: '图例', stats: '统计（当前视野）', total: '合计', by_category: '按类别', by_level: '按风险等级',
    tools: '工具', tool_radius: '半径查询', tool_area: '区域查询', tool_shelters: '最近避难所', tool_clear: '清除结果',
    radius: '半径', hint_radius: '在地图上点击选择圆心', hint_area: '依次点击地图绘制多边形顶点，双击或点“完成”结束', hint_shelters: '在地图上点击任意位置，查找最近的避难所',
    finish: '完成', cancel: '取消', csv: '下载 CSV', results: '查询结果', nearest_first: '由近及远',
    n_points: '个隐患点', of_matched: '共匹配', threatened: '受威胁人数', people: '人', distance: '距离', direction: '方位',
    count: '数量', responsible: '责任人（预警通知对象）', person: '责任人', unit: '责任单位', capacity: '容纳人数', no_results: '范围内没有隐患点',
    cluster: '聚合点', zoom_in: '放大查看', max_level: '最高风险等级', nearest_shelters_here: '最近避难所', radius_here: '以此为圆心查询',
    level_1: '低风险', level_2: '一般风险', level_3: '较大风险', level_4: '重大风险',
    st_active: '在册', st_monitoring: '监测中', st_rectifying: '整治中', st_rectified: '已整治', st_closed: '已销号',
    f_id: '编号', f_name: '名称', f_category: '类别', f_risk_level: '风险等级', f_status: '状态', f_admin_code: '行政区划代码',
    f_county: '区县', f_township: '乡镇', f_village: '村', f_threatened_people: '受威胁人数', f_responsible_person: '责任人',
    f_responsible_unit: '责任单位', f_updated_at: '更新时间', f_capacity: '容纳人数', f_shelter_type: '类型', f_address: '地址',
    f_count: '点数', f_max_risk_level: '最高风险等级',
    error: '出错了',
    err_invalid_parameter: '查询参数有误', err_invalid_geometry: '区域图形无效', err_invalid_json: '请求内容不是 JSON',
    err_not_found: '未找到', err_unauthorized: '需要有效令牌', err_forbidden: '无权进行此操作',
    err_database_unavailable: '数据库暂时无法访问，请稍后再试', err_internal_error: '服务器内部错误', offline_switched: '在线底图无法访问，已切换到离线底图（省界）', close: '关闭', loading: '加载中…',
    dirs: ['北', '东北', '东', '东南', '南', '西南', '西', '西北'],
    cat_shelter: '避难场所', cat_zone: '风险区', cat_cluster: '聚合（数字为点数）',
    account: '账户', anon_note: '未登录：只显示公开数据（不含联系电话）', token_label: '访问令牌', token_ph: '粘贴令牌', sign_in: '登录', sign_out: '退出登录',
    signing_in: '正在验证令牌…', signed_in_as: '已登录', scope: '管辖范围', scope_all: '全部地区', actions: '权限',
    role_viewer: '查看人员', role_editor: '编辑人员', role_admin: '管理员',
    act_read_personal: '可查看联系电话', act_edit: '可编辑', act_review: '可审核', act_issue_warning: '可发布预警', act_acknowledge: '可签收', act_admin: '可管理',
    signin_failed: '登录失败：令牌无效或已被撤销，请向管理员索取新令牌', signin_empty: '请先粘贴访问令牌',
    signin_needed: '此服务器需要登录后才能查看数据：请在左侧“账户”处粘贴访问令牌登录', session_expired: '登录已失效（令牌已被撤销或不再有效），已退出登录',
    signed_out: '已退出登录', stats_need_signin: '需要登录后才能显示统计', f_responsible_phone: '联系电话',
    search_label: '搜索地区或隐患点', search_ph: '搜索：地区名称或代码、隐患点名称或编号', search_none: '没有匹配的地区或隐患点',
    search_n: '条建议，上下方向键选择，回车确认', search_busy: '正在搜索…', region_no_data: '在地图上没有数据', region: '行政区',
    lvl_province: '省级', lvl_city: '市级', lvl_county: '区县', lvl_township: '乡镇（街道）', lvl_village: '村（社区）',
  },
  en: {
    title: 'Risk One-Map', subtitle: 'Natural-hazard risk points', lang_switch: '中文',
    layers: 'Layers', hazards: 'Hazard points', risk_zones: 'Risk zones', shelters: 'Emergency shelters', base_online: 'Online base map', base_offline: 'Offline base map (provinces)',
    filters: 'Filters', min_level: 'Minimum risk level', any_level: 'All levels', status: 'Status', county: 'County code', county_ph: 'e.g. 500101',
    clear_filters: 'Clear filters', legend: 'Legend', stats: 'Statistics (current view)', total: 'Total', by_category: 'By category', by_level: 'By risk level',
    tools: 'Tools', tool_radius: 'Radius query', tool_area: 'Area query', tool_shelters: 'Nearest shelters', tool_clear: 'Clear results',
    radius: 'Radius', hint_radius: 'Click the map to choose the centre', hint_area: 'Click the map to place the polygon\'s corners; double-click or press “Finish” to end', hint_shelters: 'Click anywhere on the map to find the nearest shelters',
    finish: 'Finish', cancel: 'Cancel', csv: 'Download CSV', results: 'Results', nearest_first: 'nearest first',
    n_points: 'hazard points', of_matched: 'matched', threatened: 'Threatened people', people: 'people', distance: 'Distance', direction: 'Direction',
    count: 'Count', responsible: 'Responsible (whom to warn)', person: 'Person', unit: 'Unit', capacity: 'Capacity', no_results: 'No hazard points in range',
    cluster: 'Cluster', zoom_in: 'Zoom in', max_level: 'Highest risk level', nearest_shelters_here: 'Nearest shelters', radius_here: 'Radius query from here',
    level_1: 'Low', level_2: 'General', level_3: 'Major', level_4: 'Severe',
    st_active: 'Active', st_monitoring: 'Monitoring', st_rectifying: 'Rectifying', st_rectified: 'Rectified', st_closed: 'Closed',
    f_id: 'ID', f_name: 'Name', f_category: 'Category', f_risk_level: 'Risk level', f_status: 'Status', f_admin_code: 'Admin code',
    f_county: 'County', f_township: 'Township', f_village: 'Village', f_threatened_people: 'Threatened people', f_responsible_person: 'Responsible person',
    f_responsible_unit: 'Responsible unit', f_updated_at: 'Updated', f_capacity: 'Capacity', f_shelter_type: 'Type', f_address: 'Address',
    f_count: 'Points', f_max_risk_level: 'Highest risk level',
    error: 'Error',
    err_invalid_parameter: 'invalid query parameter', err_invalid_geometry: 'invalid area', err_invalid_json: 'the request is not JSON',
    err_not_found: 'not found', err_unauthorized: 'a valid token is needed', err_forbidden: 'not allowed',
    err_database_unavailable: 'the database cannot be reached; try again shortly', err_internal_error: 'internal server error', offline_switched: 'The online base map cannot be reached; switched to the offline base map (provinces)', close: 'Close', loading: 'Loading…',
    dirs: ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'],
    cat_shelter: 'Shelter', cat_zone: 'Risk zone', cat_cluster: 'Cluster (number = points)',
    account: 'Account', anon_note: 'Not signed in: public data only (no phone numbers)', token_label: 'Access token', token_ph: 'paste the token', sign_in: 'Sign in', sign_out: 'Sign out',
    signing_in: 'Checking the token…', signed_in_as: 'Signed in', scope: 'Scope', scope_all: 'all regions', actions: 'Permissions',
    role_viewer: 'viewer', role_editor: 'editor', role_admin: 'administrator',
    act_read_personal: 'sees phones', act_edit: 'can edit', act_review: 'can review', act_issue_warning: 'can issue warnings', act_acknowledge: 'can acknowledge', act_admin: 'can administer',
    signin_failed: 'Sign-in failed: the token is unknown or revoked; ask an administrator for a new one', signin_empty: 'Paste an access token first',
    signin_needed: 'This server shows its data only after a sign-in: paste your access token under “Account” on the left', session_expired: 'The sign-in has ended (the token was revoked or no longer works); signed out',
    signed_out: 'Signed out', stats_need_signin: 'Statistics need a sign-in', f_responsible_phone: 'Phone',
    search_label: 'Search regions or hazard points', search_ph: 'Search: region name or code, hazard name or ID', search_none: 'No matching region or hazard point',
    search_n: 'suggestions; arrow keys to choose, Enter to go', search_busy: 'Searching…', region_no_data: 'has no data on the map', region: 'Region',
    lvl_province: 'province', lvl_city: 'city', lvl_county: 'county', lvl_township: 'township', lvl_village: 'village',
  },
};

/** Names of hazard categories; unknown ones show their id. */
export const CATEGORY_NAMES = {
  landslide: { zh: '滑坡', en: 'Landslide' },
  flood: { zh: '洪涝', en: 'Flood' },
  forest_fire: { zh: '森林火灾', en: 'Forest fire' },
  debris_flow: { zh: '泥石流', en: 'Debris flow' },
  collapse: { zh: '崩塌', en: 'Collapse' },
  waterlogging: { zh: '城市内涝', en: 'Waterlogging' },
  ground_subsidence: { zh: '地面塌陷', en: 'Ground subsidence' },
};

let lang = 'zh';

export function setLang(l) { lang = TEXT[l] ? l : 'zh'; }
export function getLang() { return lang; }
export function t(key) { const v = TEXT[lang][key]; return v === undefined ? key : v; }
export function categoryName(id) { const n = CATEGORY_NAMES[id]; return n ? n[lang] : id; }

/** Applies texts to every element with data-i18n (text), data-i18n-title, data-i18n-placeholder. */
export function applyTexts(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title') + ' · riskmap';
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
}
