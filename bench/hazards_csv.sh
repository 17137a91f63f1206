#!/usr/bin/env bash
# Writes a hazard census CSV of about 520 bytes a row to stdout: Chinese names, counties,
# townships, villages and units, points over Chongqing, fixed seed (the same file every time).
#   bench/hazards_csv.sh [rows=2000000] > hazards.csv     (2,200,000 rows ≈ 1 GB)
set -euo pipefail
N=${1:-2200000}
awk -v n="$N" 'BEGIN {
  srand(17); split("landslide flood forest_fire", cat, " "); split("滑坡 洪涝 森林火险", label, " ")
  split("万州区 涪陵区 渝中区 巫山县 奉节县 云阳县 开州区 綦江区", county, " ")
  split("龙驹镇 白羊镇 长岭镇 分水镇 武陵镇 太白街道 高峰街道 甘宁镇", town, " ")
  split("青山村 石梁村 桂花村 两河村 新田村 红星村 鱼泉村 长坪村", village, " ")
  print "name,category,risk_level,status,admin_code,county,township,village,threatened_people,responsible_person,responsible_unit,responsible_phone,lon,lat"
  for (i = 1; i <= n; i++) {
    c = 1 + int(rand() * 3); k = 1 + int(rand() * 8); t = 1 + int(rand() * 8); v = 1 + int(rand() * 8)
    printf "%s%s%s后山%s隐患点第%d号（坡体前缘出现拉张裂缝，雨季须加密巡查监测，已设警示牌并落实避险转移路线与临时安置点）,%s,%d,active,%d,%s,%s,%s,%d,张三丰,%s%s%s地质灾害群测群防监测站暨应急管理办公室驻村工作组暨乡镇人民政府防汛抗旱指挥部办公室（联系人值班室）,1390000%04d,%.7f,%.7f\n",
      county[k], town[t], village[v], label[c], i, cat[c], 1 + int(rand() * 4), 500101 + int(rand() * 40),
      county[k], town[t], village[v], int(rand() * 500), county[k], town[t], village[v], i % 10000,
      105.3 + rand() * 4.8, 28.2 + rand() * 3.9
  }
}'
