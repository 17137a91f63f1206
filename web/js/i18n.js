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
    err_database_unavailable: '数据库暂时无法处理请求（不可达或繁忙），请稍后再试', err_internal_error: '服务器内部错误', offline_switched: '在线底图无法访问，已切换到离线底图（省界）', close: '关闭', loading: '加载中…',
    // API error codes ({"error": code}) the page's requests can get back (server/src/main/java: ApiException, ErrorMapper, validators)
    err_bad_request: '请求有误', err_invalid_number: '数字格式有误', err_invalid_header: '请求头有误', err_too_many_features: '区域内要素过多，请缩小范围',
    err_method_not_allowed: '不支持此操作', err_not_acceptable: '不支持所请求的格式', err_unsupported_media_type: '不支持的内容类型',
    err_precondition_failed: '数据已被他人修改，请刷新后重试', err_precondition_required: '修改前需要先读取最新版本',
    err_schema_not_migrated: '数据库结构尚未升级，请联系管理员', err_invalid_feature: '要素内容有误', err_invalid_cap: '预警消息（CAP）有误',
    err_invalid_answer: '应答内容有误', err_already_answered: '已经应答过', err_warning_closed: '预警已结束', err_invalid_household: '住户信息有误',
    err_invalid_plan: '转移预案有误', err_invalid_person: '人员信息有误', err_illegal_transition: '当前状态下不能进行此操作',
    err_allocation_too_large: '住户过多，请分批分配', err_photo_too_large: '照片过大', err_too_many_imports: '导入任务过多，请稍后再试',
    err_unknown: '服务器返回了错误', err_network: '无法连接服务器，请检查网络', details: '详情', error_what: '出错了：{what}',
    radius_unit: '半径单位', sidebar: '图层、筛选与统计', map: '地图', hint_keys: '键盘：方向键移动地图，回车选取地图中心，Esc 取消',
    dirs: ['北', '东北', '东', '东南', '南', '西南', '西', '西北'],
    cat_shelter: '避难场所', cat_zone: '风险区', cat_cluster: '聚合（数字为点数）', legend_level_number: '符号内数字 = 风险等级', status_points_only: '风险区没有状态：此项只筛选隐患点',
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
    tool_warn: '发布预警', warn_title: '发布预警', warn_area: '预警区域', warn_mode_polygon: '绘制区域', warn_mode_region: '行政区', warn_mode_circle: '圆形区域',
    warn_draw: '在地图上绘制', warn_redraw: '重新绘制', warn_region_label: '行政区划代码（也可在顶部搜索框选择地区）', warn_pick_centre: '在地图上点选圆心', warn_radius_km: '半径（km）',
    hint_warn_area: '预警区域：依次点击地图绘制多边形顶点，双击或点“完成”结束', hint_warn_centre: '预警区域：在地图上点击选择圆心',
    warn_area_none: '尚未选择区域', warn_area_desc: '区域描述', warn_area_desc_ph: '如 万州区余家镇、龙驹镇', warn_need_area_desc: '请填写区域描述（如 万州区余家镇）', warn_area_polygon: '已绘制区域：{n} 个顶点', warn_area_circle: '圆心 {lat}, {lon}，半径 {r}', warn_area_region: '行政区 {name}',
    warn_level: '预警级别', warn_level_1: '蓝色预警（Ⅳ级）', warn_level_2: '黄色预警（Ⅲ级）', warn_level_3: '橙色预警（Ⅱ级）', warn_level_4: '红色预警（Ⅰ级）',
    warn_level_short_1: '蓝色', warn_level_short_2: '黄色', warn_level_short_3: '橙色', warn_level_short_4: '红色',
    warn_category: '灾种', warn_status: '性质', cap_Actual: '正式', cap_Exercise: '演练', cap_Test: '测试',
    warn_headline: '标题', warn_description: '预警内容', warn_instruction: '防御指引', warn_effective: '生效时间', warn_expires: '失效时间',
    warn_preview: '预览通知对象', warn_issue: '发布预警…', warn_confirm_q: '确认发布“{headline}”（{level}）？将通知 {n} 人，发布后立即开始通知。', warn_confirm_yes: '确认发布', warn_confirm_no: '返回修改',
    warn_need_area: '请先选择预警区域（绘制、行政区或圆形）', warn_need_headline: '请填写标题', warn_need_times: '失效时间必须晚于生效时间', warn_need_radius: '半径必须大于 0',
    warn_targets: '通知对象', warn_rows_shown: '下表列出前 {n} 人（超时未应答者在前）；上方计数含全部对象', warn_n_targets: '人', warn_by_tier: '按层级', warn_tier: '层级', warn_no_targets: '区域内没有需要通知的人员', warn_hazards_of: '涉及隐患点',
    tier_village: '村级', tier_township: '乡镇级', tier_county: '县级', tier_other: '其他',
    warn_board: '通知看板', warn_states: '按状态', warn_overdue: '已超时', warn_deadline: '应答期限', warn_state: '状态', warn_new: '新建预警', warn_issued: '预警已发布',
    warn_live_sse: '实时更新（事件流）', warn_live_poll: '每 {s} 秒自动刷新', warn_updated: '更新于 {time}', warn_identifier: '预警编号',
    ws_pending: '待发送', ws_notified: '已通知', ws_acknowledged: '已签收', ws_on_duty: '已到岗', ws_no_answer: '未应答', ws_escalated: '已升级', ws_failed: '发送失败',
    ws_end_no_one_above: '无上级可升级', ws_end_top_tier: '已是最高层级',
    active_warnings: '生效中的预警', no_active_warnings: '当前没有生效中的预警', warn_open_board: '查看通知看板', warn_show_on_map: '在地图上查看',
    err_invalid_warning: '预警内容有误', err_conflict: '与当前状态冲突',
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
    err_database_unavailable: 'the database cannot take this request now (away or busy); try again shortly', err_internal_error: 'internal server error', offline_switched: 'The online base map cannot be reached; switched to the offline base map (provinces)', close: 'Close', loading: 'Loading…',
    // API error codes ({"error": code}) the page's requests can get back (server/src/main/java: ApiException, ErrorMapper, validators)
    err_bad_request: 'bad request', err_invalid_number: 'invalid number', err_invalid_header: 'invalid request header', err_too_many_features: 'too many features in the area; make it smaller',
    err_method_not_allowed: 'operation not supported', err_not_acceptable: 'the requested format is not offered', err_unsupported_media_type: 'unsupported content type',
    err_precondition_failed: 'someone else changed it meanwhile; reload and try again', err_precondition_required: 'read the latest version before changing it',
    err_schema_not_migrated: 'the database schema is not up to date; ask an administrator', err_invalid_feature: 'invalid feature', err_invalid_cap: 'invalid warning message (CAP)',
    err_invalid_answer: 'invalid answer', err_already_answered: 'already answered', err_warning_closed: 'the warning has ended', err_invalid_household: 'invalid household',
    err_invalid_plan: 'invalid evacuation plan', err_invalid_person: 'invalid person', err_illegal_transition: 'not possible in the current state',
    err_allocation_too_large: 'too many households; allocate them in batches', err_photo_too_large: 'photo too large', err_too_many_imports: 'too many imports running; try again shortly',
    err_unknown: 'the server reported an error', err_network: 'the server cannot be reached; check the network', details: 'Details', error_what: 'Error: {what}',
    radius_unit: 'Radius unit', sidebar: 'Layers, filters and statistics', map: 'Map', hint_keys: 'Keys: arrows pan the map, Enter takes its centre, Esc cancels',
    dirs: ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'],
    cat_shelter: 'Shelter', cat_zone: 'Risk zone', cat_cluster: 'Cluster (number = points)', legend_level_number: 'Number in a symbol = risk level', status_points_only: 'Risk zones have no status: this filter applies to points only',
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
    tool_warn: 'Warnings', warn_title: 'Issue a warning', warn_area: 'Warning area', warn_mode_polygon: 'Draw an area', warn_mode_region: 'Region', warn_mode_circle: 'Circle',
    warn_draw: 'Draw on the map', warn_redraw: 'Draw again', warn_region_label: 'Region code (or choose a region in the search box at the top)', warn_pick_centre: 'Pick the centre on the map', warn_radius_km: 'Radius (km)',
    hint_warn_area: 'Warning area: click the map to place the corners; double-click or press “Finish” to end', hint_warn_centre: 'Warning area: click the map to choose the centre',
    warn_area_none: 'No area chosen yet', warn_area_desc: 'Area description', warn_area_desc_ph: 'e.g. Yujia town, Wanzhou', warn_need_area_desc: 'Describe the area in words (e.g. Yujia town, Wanzhou)', warn_area_polygon: 'Drawn area: {n} corners', warn_area_circle: 'Centre {lat}, {lon}, radius {r}', warn_area_region: 'Region {name}',
    warn_level: 'Warning level', warn_level_1: 'Blue (level IV)', warn_level_2: 'Yellow (level III)', warn_level_3: 'Orange (level II)', warn_level_4: 'Red (level I)',
    warn_level_short_1: 'Blue', warn_level_short_2: 'Yellow', warn_level_short_3: 'Orange', warn_level_short_4: 'Red',
    warn_category: 'Hazard', warn_status: 'Kind', cap_Actual: 'Actual', cap_Exercise: 'Exercise', cap_Test: 'Test',
    warn_headline: 'Headline', warn_description: 'Description', warn_instruction: 'Instruction', warn_effective: 'Effective', warn_expires: 'Expires',
    warn_preview: 'Preview whom to notify', warn_issue: 'Issue…', warn_confirm_q: 'Issue “{headline}” ({level})? {n} people will be notified, starting at once.', warn_confirm_yes: 'Issue now', warn_confirm_no: 'Back to editing',
    warn_need_area: 'Choose the warning area first (draw, region or circle)', warn_need_headline: 'Give a headline', warn_need_times: 'Expires must be later than effective', warn_need_radius: 'The radius must be above 0',
    warn_targets: 'Whom to notify', warn_rows_shown: 'The table lists the first {n} (overdue first); the counts above cover everyone', warn_n_targets: 'people', warn_by_tier: 'By tier', warn_tier: 'Tier', warn_no_targets: 'Nobody to notify in this area', warn_hazards_of: 'Hazard points',
    tier_village: 'village', tier_township: 'township', tier_county: 'county', tier_other: 'other',
    warn_board: 'Notification board', warn_states: 'By state', warn_overdue: 'overdue', warn_deadline: 'Answer by', warn_state: 'State', warn_new: 'New warning', warn_issued: 'The warning is issued',
    warn_live_sse: 'live (event stream)', warn_live_poll: 'refreshed every {s} s', warn_updated: 'updated {time}', warn_identifier: 'Identifier',
    ws_pending: 'pending', ws_notified: 'notified', ws_acknowledged: 'acknowledged', ws_on_duty: 'on duty', ws_no_answer: 'no answer', ws_escalated: 'escalated', ws_failed: 'failed',
    ws_end_no_one_above: 'nobody above to escalate to', ws_end_top_tier: 'top tier reached',
    active_warnings: 'Active warnings', no_active_warnings: 'No active warnings', warn_open_board: 'Open the board', warn_show_on_map: 'Show on the map',
    err_invalid_warning: 'invalid warning', err_conflict: 'conflicts with the current state',
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

/** A workflow's own texts ({zh: {...}, en: {...}}), added by its module when it loads, so each screen keeps its words beside it. */
export function addTexts(texts) {
  for (const l of Object.keys(TEXT)) Object.assign(TEXT[l], texts[l] || {});
}

export function setLang(l) { lang = TEXT[l] ? l : 'zh'; }
export function getLang() { return lang; }
export function t(key) { const v = TEXT[lang][key]; return v === undefined ? key : v; }
/** t(key) with {name} placeholders filled from {@code values}. */
export function tf(key, values) { return String(t(key)).replace(/\{(\w+)\}/g, (m, k) => (values[k] === undefined ? m : String(values[k]))); }
export function categoryName(id) { const n = CATEGORY_NAMES[id]; return n ? n[lang] : id; }

/**
 * Applies texts to every element with data-i18n (text), data-i18n-title, data-i18n-placeholder, data-i18n-aria-label.
 * A key no module has added yet (the page loads its workflow modules later) leaves the element as it is.
 */
export function applyTexts(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title') + ' · riskmap';
  const each = (attr, set) => root.querySelectorAll(`[data-${attr}]`).forEach((el) => {
    const key = el.getAttribute(`data-${attr}`);
    if (TEXT[lang][key] !== undefined) set(el, TEXT[lang][key]);
  });
  each('i18n', (el, v) => { el.textContent = v; });
  each('i18n-title', (el, v) => { el.title = v; });
  each('i18n-placeholder', (el, v) => { el.placeholder = v; });
  each('i18n-aria-label', (el, v) => { el.setAttribute('aria-label', v); });
}
