-- riskmap benchmark data: n synthetic hazard points added to the existing
-- hazard_point table (schema of data/migrations/V1__schema.sql).
--
--   psql -v n=1000000 -v seed=0.42 -d DB -f bench/generate.sql
--
-- Variables (all optional):
--   n         number of points, 10,000 .. 10,000,000 (default 100000)
--   seed      setseed() value in [-1, 1]; the same seed gives the same rows (default 0.42)
--   start     number of the first id, ids are 'B' || lpad(number, 8, '0') (default 1);
--             raise it to add a second batch to a table that already has one
--   clusters  number of cluster centres (default 400)
--
-- The points are invented.  They fall in a few hundred clusters, each around a real
-- county (GB/T 2260 code and name) of China's hazard regions: landslides in the
-- Sichuan, Chongqing, Yunnan, Guizhou and west Zhejiang mountains, floods along the
-- Yangtze, Huai and Songhua, forest fires in the Jilin, Heilongjiang and Yunnan
-- forests.  A cluster keeps its county's category for 85% of its points, has a
-- gaussian spread of 1-9 km (cut at 2.5 sigma), and clusters differ in size.  Every column satisfies
-- the table's CHECK constraints.  Nothing is deleted; ids never collide with the
-- 'HP…' ids of the demo seeds.  One set-based INSERT … SELECT over generate_series
-- in one transaction, then ANALYZE.

\if :{?n}
\else
  \set n 100000
\endif
\if :{?seed}
\else
  \set seed 0.42
\endif
\if :{?start}
\else
  \set start 1
\endif
\if :{?clusters}
\else
  \set clusters 400
\endif

-- Maintaining hazard_point's GiST indexes row by row costs ~2 minutes per million
-- rows on 2 cores; rebuilding them after the load takes seconds.  So when the batch
-- is large next to what the table holds, the secondary indexes are dropped and
-- re-created from their own definitions, all in one transaction.  Force it either
-- way with -v rebuild_indexes=on|off.
\if :{?rebuild_indexes}
\else
  SELECT :n >= (SELECT count(*) FROM hazard_point) / 4 AS rebuild_indexes \gset
\endif

BEGIN;
SET LOCAL maintenance_work_mem = '512MB';
SELECT setseed(:seed);

-- Counties a cluster can sit in: code, name, dominant category, centre.
CREATE TEMP TABLE bench_county (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  category text NOT NULL,
  lon      float8 NOT NULL,
  lat      float8 NOT NULL
);
INSERT INTO bench_county (code, name, category, lon, lat) VALUES
  ('330112', '临安区', 'landslide', 119.202, 30.142), ('330122', '桐庐县', 'landslide', 119.474, 29.873),
  ('330182', '建德市', 'landslide', 119.481, 29.571), ('330523', '安吉县', 'landslide', 119.655, 30.694),
  ('330802', '柯城区', 'landslide', 118.791, 29.033), ('330803', '衢江区', 'landslide', 118.894, 29.114),
  ('330822', '常山县', 'landslide', 118.575, 28.967), ('330824', '开化县', 'landslide', 118.358, 29.199),
  ('330825', '龙游县', 'landslide', 119.208, 29.030), ('330881', '江山市', 'landslide', 118.615, 28.629),
  ('331102', '莲都区', 'landslide', 119.828, 28.472), ('331121', '青田县', 'landslide', 120.162, 28.208),
  ('331122', '缙云县', 'landslide', 120.193, 28.656), ('331123', '遂昌县', 'landslide', 119.061, 28.481),
  ('331124', '松阳县', 'landslide', 119.412, 28.411), ('331125', '云和县', 'landslide', 119.534, 28.140),
  ('331126', '庆元县', 'landslide', 119.220, 27.589), ('331127', '景宁畲族自治县', 'landslide', 119.555, 27.805),
  ('331181', '龙泉市', 'landslide', 119.045, 28.013), ('500101', '万州区', 'landslide', 108.442, 30.743),
  ('500102', '涪陵区', 'landslide', 107.429, 29.703), ('500110', '綦江区', 'landslide', 106.774, 28.934),
  ('500114', '黔江区', 'landslide', 108.740, 29.353), ('500116', '江津区', 'landslide', 106.183, 29.104),
  ('500119', '南川区', 'landslide', 107.185, 29.183), ('500154', '开州区', 'landslide', 108.413, 31.339),
  ('500156', '武隆区', 'landslide', 107.777, 29.373), ('500229', '城口县', 'landslide', 108.714, 31.870),
  ('500230', '丰都县', 'landslide', 107.841, 29.846), ('500233', '忠县', 'landslide', 107.907, 30.335),
  ('500235', '云阳县', 'landslide', 108.822, 31.060), ('500236', '奉节县', 'landslide', 109.376, 30.802),
  ('500237', '巫山县', 'landslide', 109.961, 31.223), ('500238', '巫溪县', 'landslide', 109.482, 31.506),
  ('500240', '石柱土家族自治县', 'landslide', 108.291, 30.037), ('500241', '秀山土家族苗族自治县', 'landslide', 108.969, 28.446),
  ('500242', '酉阳土家族苗族自治县', 'landslide', 108.776, 28.845), ('500243', '彭水苗族土家族自治县', 'landslide', 108.273, 29.365),
  ('510726', '北川羌族自治县', 'landslide', 104.223, 31.973), ('510727', '平武县', 'landslide', 104.488, 32.372),
  ('510822', '青川县', 'landslide', 105.239, 32.575), ('511823', '汉源县', 'landslide', 102.719, 29.358),
  ('511824', '石棉县', 'landslide', 102.305, 29.296), ('511826', '芦山县', 'landslide', 103.066, 30.518),
  ('511827', '宝兴县', 'landslide', 102.708, 30.552), ('513221', '汶川县', 'landslide', 103.242, 31.071),
  ('513222', '理县', 'landslide', 102.968, 31.571), ('513223', '茂县', 'landslide', 103.800, 31.763),
  ('513322', '泸定县', 'landslide', 102.102, 29.698), ('513323', '丹巴县', 'landslide', 101.850, 30.951),
  ('513436', '美姑县', 'landslide', 103.068, 28.510), ('513437', '雷波县', 'landslide', 103.415, 28.278),
  ('520203', '六枝特区', 'landslide', 105.351, 26.165), ('520204', '水城区', 'landslide', 104.899, 26.316),
  ('520281', '盘州市', 'landslide', 104.642, 25.726), ('520424', '关岭布依族苗族自治县', 'landslide', 105.528, 25.891),
  ('520524', '织金县', 'landslide', 105.786, 26.651), ('520525', '纳雍县', 'landslide', 105.303, 26.763),
  ('520526', '威宁彝族回族苗族自治县', 'landslide', 104.071, 26.900), ('520527', '赫章县', 'landslide', 104.676, 27.128),
  ('522326', '望谟县', 'landslide', 106.191, 25.189), ('522327', '册亨县', 'landslide', 105.838, 24.910),
  ('530113', '东川区', 'landslide', 103.048, 26.128), ('530128', '禄劝彝族苗族自治县', 'landslide', 102.613, 25.966),
  ('530502', '隆阳区', 'landslide', 99.020, 25.224), ('530521', '施甸县', 'landslide', 99.131, 24.789),
  ('530523', '龙陵县', 'landslide', 98.871, 24.597), ('530602', '昭阳区', 'landslide', 103.684, 27.404),
  ('530621', '鲁甸县', 'landslide', 103.486, 27.130), ('530622', '巧家县', 'landslide', 103.161, 26.889),
  ('530623', '盐津县', 'landslide', 104.208, 28.178), ('530624', '大关县', 'landslide', 103.932, 27.893),
  ('530627', '镇雄县', 'landslide', 104.733, 27.552), ('530628', '彝良县', 'landslide', 104.168, 27.526),
  ('532528', '元阳县', 'landslide', 102.739, 23.125), ('532531', '绿春县', 'landslide', 102.241, 22.870),
  ('533301', '泸水市', 'landslide', 98.832, 26.009), ('533323', '福贡县', 'landslide', 98.897, 26.670),
  ('533324', '贡山独龙族怒族自治县', 'landslide', 98.524, 27.888), ('533325', '兰坪白族普米族自治县', 'landslide', 99.282, 26.698),
  ('220702', '宁江区', 'flood', 124.834, 45.167), ('220781', '扶余市', 'flood', 125.142, 45.363),
  ('230102', '道里区', 'flood', 126.210, 45.649), ('230104', '道外区', 'flood', 127.000, 45.860),
  ('230109', '松北区', 'flood', 126.401, 45.775), ('230113', '双城区', 'flood', 125.753, 45.480),
  ('230123', '依兰县', 'flood', 129.550, 46.340), ('230124', '方正县', 'flood', 128.768, 45.929),
  ('230125', '宾县', 'flood', 128.046, 45.899), ('230126', '巴彦县', 'flood', 127.408, 45.967),
  ('230128', '通河县', 'flood', 128.728, 45.998), ('230422', '绥滨县', 'flood', 131.998, 47.295),
  ('230622', '肇源县', 'flood', 124.981, 45.534), ('230803', '向阳区', 'flood', 130.350, 46.830),
  ('230811', '郊区', 'flood', 129.966, 46.652), ('230826', '桦川县', 'flood', 130.732, 47.007),
  ('230882', '富锦市', 'flood', 132.063, 47.247), ('231282', '肇东市', 'flood', 125.796, 45.554),
  ('320105', '建邺区', 'flood', 118.720, 32.080), ('320111', '浦口区', 'flood', 118.689, 32.111),
  ('320116', '六合区', 'flood', 118.979, 32.218), ('320281', '江阴市', 'flood', 120.288, 31.906),
  ('320582', '张家港市', 'flood', 120.550, 31.970), ('321081', '仪征市', 'flood', 119.207, 32.273),
  ('321102', '京口区', 'flood', 119.505, 32.214), ('321111', '润州区', 'flood', 119.450, 32.230),
  ('321182', '扬中市', 'flood', 119.800, 32.250), ('321282', '靖江市', 'flood', 120.278, 31.989),
  ('321283', '泰兴市', 'flood', 120.030, 32.080), ('340202', '镜湖区', 'flood', 118.360, 31.350),
  ('340212', '繁昌区', 'flood', 118.050, 31.100), ('340302', '龙子湖区', 'flood', 117.380, 32.950),
  ('340321', '怀远县', 'flood', 117.069, 32.805), ('340322', '五河县', 'flood', 117.880, 33.120),
  ('340406', '潘集区', 'flood', 117.004, 32.712), ('340421', '凤台县', 'flood', 116.710, 32.700),
  ('340422', '寿县', 'flood', 116.554, 32.460), ('340503', '花山区', 'flood', 118.470, 31.700),
  ('340504', '雨山区', 'flood', 118.542, 31.624), ('340706', '义安区', 'flood', 117.792, 31.049),
  ('340722', '枞阳县', 'flood', 117.450, 30.730), ('340802', '迎江区', 'flood', 117.161, 30.524),
  ('340826', '宿松县', 'flood', 116.174, 29.869), ('340827', '望江县', 'flood', 116.591, 30.106),
  ('341126', '凤阳县', 'flood', 117.616, 32.884), ('341182', '明光市', 'flood', 118.183, 33.036),
  ('341225', '阜南县', 'flood', 115.553, 32.477), ('341226', '颍上县', 'flood', 116.247, 32.553),
  ('341522', '霍邱县', 'flood', 115.951, 32.534), ('341721', '东至县', 'flood', 116.813, 30.058),
  ('360403', '浔阳区', 'flood', 115.945, 29.722), ('360404', '柴桑区', 'flood', 115.758, 29.750),
  ('360429', '湖口县', 'flood', 116.283, 29.746), ('360430', '彭泽县', 'flood', 116.448, 29.838),
  ('360481', '瑞昌市', 'flood', 115.550, 29.799), ('411330', '桐柏县', 'flood', 113.420, 32.380),
  ('411503', '平桥区', 'flood', 113.773, 32.426), ('411525', '固始县', 'flood', 115.619, 32.366),
  ('411527', '淮滨县', 'flood', 115.420, 32.450), ('411528', '息县', 'flood', 114.740, 32.330),
  ('411724', '正阳县', 'flood', 114.400, 32.400), ('420103', '江汉区', 'flood', 114.290, 30.570),
  ('420107', '青山区', 'flood', 114.420, 30.660), ('420111', '洪山区', 'flood', 114.393, 30.493),
  ('420113', '汉南区', 'flood', 114.052, 30.316), ('420117', '新洲区', 'flood', 114.594, 30.670),
  ('420202', '黄石港区', 'flood', 115.070, 30.220), ('420222', '阳新县', 'flood', 115.327, 29.981),
  ('420502', '西陵区', 'flood', 111.280, 30.690), ('420504', '点军区', 'flood', 111.256, 30.660),
  ('420527', '秭归县', 'flood', 110.953, 30.831), ('420581', '宜都市', 'flood', 111.436, 30.374),
  ('420583', '枝江市', 'flood', 111.760, 30.413), ('420704', '鄂城区', 'flood', 114.864, 30.383),
  ('421022', '公安县', 'flood', 112.223, 30.267), ('421024', '江陵县', 'flood', 112.427, 30.071),
  ('421081', '石首市', 'flood', 112.420, 29.720), ('421083', '洪湖市', 'flood', 113.352, 29.735),
  ('421088', '监利市', 'flood', 112.815, 29.800), ('421102', '黄州区', 'flood', 114.897, 30.456),
  ('421126', '蕲春县', 'flood', 115.366, 30.051), ('421127', '黄梅县', 'flood', 115.854, 29.786),
  ('421182', '武穴市', 'flood', 115.550, 29.879), ('421221', '嘉鱼县', 'flood', 113.926, 29.971),
  ('421281', '赤壁市', 'flood', 113.622, 29.832), ('422823', '巴东县', 'flood', 110.340, 31.040),
  ('430602', '岳阳楼区', 'flood', 113.170, 29.393), ('430603', '云溪区', 'flood', 113.223, 29.474),
  ('430611', '君山区', 'flood', 112.877, 29.589), ('430623', '华容县', 'flood', 112.812, 29.647),
  ('430682', '临湘市', 'flood', 113.404, 29.673), ('500103', '渝中区', 'flood', 106.580, 29.560),
  ('500104', '大渡口区', 'flood', 106.450, 29.420), ('500105', '江北区', 'flood', 106.580, 29.560),
  ('500107', '九龙坡区', 'flood', 106.374, 29.472), ('500115', '长寿区', 'flood', 107.050, 29.800),
  ('510502', '江阳区', 'flood', 105.461, 28.855), ('510522', '合江县', 'flood', 105.830, 28.800),
  ('511502', '翠屏区', 'flood', 104.640, 28.770), ('511503', '南溪区', 'flood', 104.980, 28.830),
  ('511523', '江安县', 'flood', 105.075, 28.744), ('220221', '永吉县', 'forest_fire', 126.304, 43.556),
  ('220281', '蛟河市', 'forest_fire', 127.357, 43.664), ('220282', '桦甸市', 'forest_fire', 126.922, 43.056),
  ('220283', '舒兰市', 'forest_fire', 127.175, 44.338), ('220523', '辉南县', 'forest_fire', 126.345, 42.523),
  ('220524', '柳河县', 'forest_fire', 125.806, 42.165), ('220582', '集安市', 'forest_fire', 125.998, 41.230),
  ('220605', '江源区', 'forest_fire', 126.659, 42.045), ('220621', '抚松县', 'forest_fire', 127.548, 42.226),
  ('220622', '靖宇县', 'forest_fire', 126.791, 42.339), ('220623', '长白朝鲜族自治县', 'forest_fire', 128.027, 41.603),
  ('220681', '临江市', 'forest_fire', 127.242, 41.841), ('222401', '延吉市', 'forest_fire', 129.379, 43.059),
  ('222403', '敦化市', 'forest_fire', 128.353, 43.529), ('222404', '珲春市', 'forest_fire', 130.497, 43.005),
  ('222406', '和龙市', 'forest_fire', 128.945, 42.482), ('222424', '汪清县', 'forest_fire', 129.824, 43.522),
  ('222426', '安图县', 'forest_fire', 128.288, 42.606), ('230183', '尚志市', 'forest_fire', 128.292, 44.946),
  ('230184', '五常市', 'forest_fire', 127.407, 44.868), ('230717', '伊美区', 'forest_fire', 128.888, 47.725),
  ('230722', '嘉荫县', 'forest_fire', 130.242, 48.515), ('230781', '铁力市', 'forest_fire', 128.448, 46.887),
  ('231025', '林口县', 'forest_fire', 130.284, 45.278), ('231083', '海林市', 'forest_fire', 129.546, 45.220),
  ('231084', '宁安市', 'forest_fire', 129.046, 44.056), ('231085', '穆棱市', 'forest_fire', 130.524, 44.919),
  ('231086', '东宁市', 'forest_fire', 130.812, 43.941), ('231102', '爱辉区', 'forest_fire', 126.674, 50.186),
  ('231123', '逊克县', 'forest_fire', 128.764, 49.147), ('231124', '孙吴县', 'forest_fire', 127.323, 49.362),
  ('232701', '漠河市', 'forest_fire', 122.664, 52.943), ('232721', '呼玛县', 'forest_fire', 123.678, 51.857),
  ('232722', '塔河县', 'forest_fire', 124.455, 52.758), ('530181', '安宁市', 'forest_fire', 102.398, 24.913),
  ('530427', '新平彝族傣族自治县', 'forest_fire', 101.769, 23.995), ('530581', '腾冲市', 'forest_fire', 98.459, 25.326),
  ('530721', '玉龙纳西族自治县', 'forest_fire', 100.227, 27.486), ('530722', '永胜县', 'forest_fire', 100.744, 26.410),
  ('530724', '宁蒗彝族自治县', 'forest_fire', 100.789, 27.197), ('530802', '思茅区', 'forest_fire', 100.767, 22.771),
  ('530823', '景东彝族自治县', 'forest_fire', 100.743, 24.541), ('530921', '凤庆县', 'forest_fire', 99.943, 24.604),
  ('532301', '楚雄市', 'forest_fire', 101.167, 24.755), ('532322', '双柏县', 'forest_fire', 101.687, 24.562),
  ('532329', '武定县', 'forest_fire', 102.186, 25.652), ('532922', '漾濞彝族自治县', 'forest_fire', 99.916, 25.679),
  ('532927', '巍山彝族回族自治县', 'forest_fire', 100.180, 25.218), ('532930', '洱源县', 'forest_fire', 99.939, 26.079),
  ('533401', '香格里拉市', 'forest_fire', 99.888, 27.691), ('533423', '维西傈僳族自治县', 'forest_fire', 99.206, 27.369)
;

-- Cluster centres: a random county, at most ~7 km from its centre; spread 0.01-0.08
-- degrees (points are cut off at 2.5 spreads).
CREATE TEMP TABLE bench_cluster AS
SELECT cid, random() AS u1, random() AS u2, random() AS u3, random() AS u4
FROM generate_series(1, :clusters) AS cid;
ALTER TABLE bench_cluster ADD COLUMN code text, ADD COLUMN name text, ADD COLUMN category text,
  ADD COLUMN lon float8, ADD COLUMN lat float8, ADD COLUMN spread float8;
UPDATE bench_cluster r
SET code = c.code, name = c.name, category = c.category,
    lon = c.lon + 0.03 * least(2, sqrt(-2 * ln(1 - r.u2))) * cos(2 * pi() * r.u3) / cos(radians(c.lat)),
    lat = c.lat + 0.03 * least(2, sqrt(-2 * ln(1 - r.u2))) * sin(2 * pi() * r.u3),
    spread = 0.01 + 0.07 * r.u4 * r.u4
FROM (SELECT *, (row_number() OVER (ORDER BY code) - 1)::int AS k,
             count(*) OVER () AS nc FROM bench_county) c
WHERE c.k = floor(r.u1 * c.nc)::int;
ALTER TABLE bench_cluster ADD PRIMARY KEY (cid);
ANALYZE bench_cluster;

CREATE TEMP TABLE bench_index ON COMMIT DROP AS
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = 'hazard_point'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
\if :rebuild_indexes
SELECT format('DROP INDEX %I', name) FROM bench_index ORDER BY name \gexec
\endif

INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, county, township, village,
                          threatened_people, responsible_person, responsible_unit, responsible_phone,
                          updated_at, geom)
SELECT 'B' || lpad((:start + s.i - 1)::text, 8, '0'),
       x.category,
       c.name || x.township || x.village
         || CASE x.category WHEN 'landslide' THEN '滑坡隐患点' WHEN 'flood' THEN '洪涝风险点' ELSE '森林火险点' END,
       CASE WHEN s.r_level < 0.42 THEN 1 WHEN s.r_level < 0.77 THEN 2 WHEN s.r_level < 0.94 THEN 3 ELSE 4 END,
       CASE WHEN s.r_status < 0.58 THEN 'active' WHEN s.r_status < 0.83 THEN 'monitoring'
            WHEN s.r_status < 0.92 THEN 'rectifying' WHEN s.r_status < 0.97 THEN 'rectified' ELSE 'closed' END,
       c.code, c.name, x.township, x.village,
       floor(s.r_people * s.r_people * s.r_people * 2000)::int,
       (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗',
              '郑','梁','谢','宋','唐','许','韩','冯','邓','曹','彭','曾','肖','田','董','袁','潘','蒋','蔡','余'])
         [1 + floor(s.r_person * 40)::int]
       || (ARRAY['建国','国华','明','军','志强','伟','勇','杰','海涛','斌','超','刚','红梅','丽','敏','静','秀英','桂兰',
                 '春燕','文','德福','成','俊','光明','宏','学军','荣','亮','玉兰','晓东'])
         [1 + floor((s.r_person * 40 - floor(s.r_person * 40)) * 30)::int],
       CASE WHEN s.r_unit < 0.5 THEN x.township || '人民政府' ELSE c.name || '应急管理局' END,
       (ARRAY['139','138','137','136','135','159','158','152','151','150','188','187','183','182','130',
              '131','132','155','156','186','133','153','180','181','189','177','199'])
         [1 + floor(s.r_phone * 27)::int]
       || lpad(floor((s.r_phone * 27 - floor(s.r_phone * 27)) * 100000000)::bigint::text, 8, '0'),
       -- 2025-01-01 00:00 +08 plus up to 669 days
       to_timestamp(1735660800 + floor(s.r_time * 669 * 86400)),
       ST_SetSRID(ST_MakePoint(
         round((c.lon + c.spread * least(2.5, sqrt(-2 * ln(1 - s.u1))) * cos(2 * pi() * s.u2) / cos(radians(c.lat)))::numeric, 6)::float8,
         round((c.lat + c.spread * least(2.5, sqrt(-2 * ln(1 - s.u1))) * sin(2 * pi() * s.u2))::numeric, 6)::float8), 4326)
FROM (SELECT i,
             1 + floor(power(random(), 1.6) * :clusters)::int AS cid,
             random() AS r_cat, random() AS r_level, random() AS r_status, random() AS r_people,
             random() AS r_town, random() AS r_person, random() AS r_unit, random() AS r_phone,
             random() AS r_time, random() AS u1, random() AS u2
      FROM generate_series(1, :n) AS i) s
JOIN bench_cluster c USING (cid)
CROSS JOIN LATERAL (
  SELECT CASE WHEN s.r_cat < 0.85 THEN c.category
              WHEN c.category = 'landslide' THEN CASE WHEN s.r_cat < 0.95 THEN 'flood' ELSE 'forest_fire' END
              WHEN c.category = 'flood' THEN CASE WHEN s.r_cat < 0.95 THEN 'landslide' ELSE 'forest_fire' END
              ELSE CASE WHEN s.r_cat < 0.95 THEN 'landslide' ELSE 'flood' END END AS category,
         (ARRAY['龙','石','青','白','马','金','新','和','安','兴','丰','福','太','长','高','凤','云','双',
                '东','西','南','北','红','永'])[1 + floor(s.r_town * 24)::int]
         || (ARRAY['坪','坝','溪','桥','口','湾','岭','河','山','田','林','岗'])
              [1 + floor((s.r_town * 24 - floor(s.r_town * 24)) * 12)::int] || '镇' AS township,
         (ARRAY['上','下','中','前','后','大','小','新','老','高','黄','杨','李','张','刘','陈'])
              [1 + floor((s.r_town * 288 - floor(s.r_town * 288)) * 16)::int]
         || (ARRAY['家湾','家坪','家沟','家岭','庄','屯','家坝','家寨'])
              [1 + floor((s.r_town * 4608 - floor(s.r_town * 4608)) * 8)::int] || '村' AS village
) x;

\if :rebuild_indexes
SELECT def FROM bench_index ORDER BY name \gexec
\endif

DROP TABLE bench_county, bench_cluster;
COMMIT;

ANALYZE hazard_point;
