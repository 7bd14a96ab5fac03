<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminCli</name>
    <message>
        <source>Create a demo database: generated customers with two years of lines, usage, bills, contacts and tickets.</source>
        <translation>创建演示数据库：生成客户及其两年的号码、用量、账单、接触记录和工单。</translation>
    </message>
    <message>
        <source>Usage: %1 &lt;command&gt; [options]</source>
        <translation>用法：%1 &lt;命令&gt; [选项]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Run "%1 &lt;command&gt; --help" for the options of a command.</source>
        <translation>运行“%1 &lt;命令&gt; --help”查看该命令的选项。</translation>
    </message>
    <message>
        <source>unknown option "%1"; a command comes first. Run "%2 --help" for the list of commands.</source>
        <translation>未知选项“%1”；请先写命令。运行“%2 --help”查看命令列表。</translation>
    </message>
    <message>
        <source>unknown command "%1". Run "%2 --help" for the list of commands.</source>
        <translation>未知命令“%1”。运行“%2 --help”查看命令列表。</translation>
    </message>
    <message>
        <source>Creates DIR/telcodesk.db and fills it with a deterministic demo data set of a Chinese operator. Supported sizes are 1,000 to 1,000,000 customers (up to 5,000,000 are accepted). Prints progress on standard error and one JSON line of figures on standard output.</source>
        <translation>创建 DIR/telcodesk.db，并填入一套可复现的中国运营商演示数据。支持 1,000 至 1,000,000 位客户（最多可接受 5,000,000）。进度输出到标准错误，统计数据以一行 JSON 输出到标准输出。</translation>
    </message>
    <message>
        <source>Show these options.</source>
        <translation>显示这些选项。</translation>
    </message>
    <message>
        <source>The data folder to create the database in.</source>
        <translation>在其中创建数据库的数据文件夹。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>How many customer records to create (1,000 to 1,000,000).</source>
        <translation>要创建的客户档案数（1,000 至 1,000,000）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>The random seed; the same seed gives the same data set (default %1).</source>
        <translation>随机种子；相同的种子生成相同的数据集（默认 %1）。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>The data set's "today" (default: the current UTC date).</source>
        <translation>数据集的“今天”（默认：当前 UTC 日期）。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>unexpected argument "%1".</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>--data-dir DIR is required.</source>
        <translation>必须指定 --data-dir 目录。</translation>
    </message>
    <message>
        <source>--customers N is required.</source>
        <translation>必须指定 --customers 数量。</translation>
    </message>
    <message>
        <source>--customers must be a whole number from 1 to %1, not "%2".</source>
        <translation>--customers 必须是 1 至 %1 之间的整数，而不是“%2”。</translation>
    </message>
    <message>
        <source>warning: %1 customers is outside the supported range of 1,000 to 1,000,000.</source>
        <translation>警告：%1 位客户超出了支持的范围（1,000 至 1,000,000）。</translation>
    </message>
    <message>
        <source>--seed must be a non-negative whole number, not "%1".</source>
        <translation>--seed 必须是非负整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--as-of must be a date written YYYY-MM-DD, not "%1".</source>
        <translation>--as-of 必须是 YYYY-MM-DD 格式的日期，而不是“%1”。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Set up the central PostgreSQL database: server init, server add-agent, server load.</source>
        <translation>设置中心 PostgreSQL 数据库：server init、server add-agent、server load。</translation>
    </message>
    <message>
        <source>The server: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE. Without a password in it, libpq takes it from PGPASSWORD or ~/.pgpass.</source>
        <translation>服务器地址：postgresql://用户[:密码]@主机[:端口]/数据库。地址中不含密码时，libpq 从 PGPASSWORD 或 ~/.pgpass 读取。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Run "%1 server %2 --help" for the options.</source>
        <translation>运行“%1 server %2 --help”查看选项。</translation>
    </message>
    <message>
        <source>--dsn URL is required.</source>
        <translation>必须指定 --dsn 地址。</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>Creates the central schema in the database, or brings it up to date: applies the migrations it has not had yet, each in one transaction, and prints them. Running it again changes nothing.</source>
        <translation>在数据库中创建中心数据库结构，或将其更新到最新：逐个应用尚未执行的迁移（每个迁移一个事务）并列出。重复运行不会有任何改变。</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>applied %1 (%2 s)</source>
        <translation>已应用 %1（%2 秒）</translation>
    </message>
    <message>
        <source>%1 is up to date (schema version %2): nothing to do.</source>
        <translation>%1 已是最新（结构版本 %2）：无需操作。</translation>
    </message>
    <message>
        <source>%1 is at schema version %2.</source>
        <translation>%1 的结构版本为 %2。</translation>
    </message>
    <message>
        <source>Creates or updates an agent: a PostgreSQL login that is a member of td_agent, td_clerk, td_supervisor or td_admin, its td.agent record and what it may see (regions, ticket queues, teams). Running it again with the same options changes nothing. The password is read from standard input, one line; it is needed for a new login and replaces the old one otherwise.</source>
        <translation>创建或更新坐席：一个属于 td_agent、td_clerk、td_supervisor 或 td_admin 的 PostgreSQL 登录名、其 td.agent 记录以及可见范围（地区、工单队列、班组）。以相同选项重复运行不会有任何改变。密码从标准输入读取一行；新建登录名时必须提供，已有登录名则替换原密码。</translation>
    </message>
    <message>
        <source>The login (lower-case letters, digits, "_").</source>
        <translation>登录名（小写字母、数字和“_”）。</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>agent, clerk, supervisor or admin.</source>
        <translation>agent、clerk、supervisor 或 admin。</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <source>A GB/T 2260 region code; a city (NNNN00) or province (NN0000) code covers its districts. Repeat for more; the first is the agent's own.</source>
        <translation>GB/T 2260 行政区划代码；市级（NNNN00）或省级（NN0000）代码包含其下辖区县。可重复指定多个；第一个为坐席本人所属地区。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>A ticket queue the agent works; repeat for more.</source>
        <translation>坐席处理的工单队列；可重复指定多个。</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <source>The agent's team; repeat for the further teams a supervisor leads.</source>
        <translation>坐席所属班组；主管所带的其他班组可重复指定。</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>The name shown for the agent (default: the login).</source>
        <translation>坐席的显示名称（默认：登录名）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Read the password from standard input (never from the command line).</source>
        <translation>从标准输入读取密码（绝不从命令行读取）。</translation>
    </message>
    <message>
        <source>Run "%1 server add-agent --help" for the options.</source>
        <translation>运行“%1 server add-agent --help”查看选项。</translation>
    </message>
    <message>
        <source>--%1 is required.</source>
        <translation>必须指定 --%1。</translation>
    </message>
    <message>
        <source>no password on standard input.</source>
        <translation>标准输入中没有密码。</translation>
    </message>
    <message>
        <source>login %1 %2, member of td_%3; agent record %4 (%5)</source>
        <translation>登录名 %1 %2，属于 td_%3；坐席记录 %4（%5）</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>regions: %1; queues: %2; teams: %3</source>
        <translation>地区：%1；队列：%2；班组：%3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Copies the data set in DIR/telcodesk.db (see "%1 generate") into an empty central database with COPY, in one transaction. Prints progress on standard error and one JSON line of figures on standard output.</source>
        <translation>将 DIR/telcodesk.db 中的数据集（见“%1 generate”）用 COPY 在一个事务内复制到空的中心数据库。进度输出到标准错误，统计数据以一行 JSON 输出到标准输出。</translation>
    </message>
    <message>
        <source>The data folder that holds telcodesk.db.</source>
        <translation>存放 telcodesk.db 的数据文件夹。</translation>
    </message>
    <message>
        <source>Run "%1 server load --help" for the options.</source>
        <translation>运行“%1 server load --help”查看选项。</translation>
    </message>
    <message>
        <source>there is no data set at %1; create one with "%2 generate".</source>
        <translation>%1 处没有数据集；请先用“%2 generate”生成。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 rows</source>
        <translation>%1：%2 / %3 行</translation>
    </message>
    <message>
        <source>Loaded %1 rows in %2 s (%3 rows/s) into %4.</source>
        <translation>已在 %2 秒内向 %4 载入 %1 行（每秒 %3 行）。</translation>
    </message>
    <message>
        <source>Sync a local cache with the central server from the command line: sync once, sync status.</source>
        <translation>从命令行将本地缓存与中心服务器同步：sync once、sync status。</translation>
    </message>
    <message>
        <source>Usage: %1 server &lt;init|add-agent|load|prune&gt; --dsn URL [options]
  init       create or update the central schema (safe to run again)
  add-agent  create or update an agent's login, role and scope
  load       copy a generated data set into an empty server
  prune      drop change-log entries a first sync no longer needs (a nightly job)
Run "%1 server &lt;command&gt; --help" for the options of a command.</source>
        <translation>用法：%1 server &lt;init|add-agent|load|prune&gt; --dsn URL [选项]
  init       创建或更新中心数据库结构（可重复运行）
  add-agent  创建或更新坐席的登录名、角色和可见范围
  load       将生成的数据集复制到空服务器
  prune      删除首次同步不再需要的变更日志条目（每晚任务）
运行“%1 server &lt;命令&gt; --help”查看各命令的选项。</translation>
    </message>
    <message>
        <source>unknown server command "%1": init, add-agent, load or prune.</source>
        <translation>未知的 server 命令“%1”：应为 init、add-agent、load 或 prune。</translation>
    </message>
    <message>
        <source>Deletes change-log entries older than the given age that a first sync does not need (superseded by a newer change of the same row, or of rows deleted before then). Desktops whose sync position lies before the pruned point re-sync in full. Run it as the database owner, e.g. nightly.</source>
        <translation>删除早于指定天数、且首次同步不再需要的变更日志条目（同一行已有更新的变更，或所在行在此之前已删除）。同步位置早于清理点的桌面端将重新完整同步。请以数据库所有者身份运行，例如每晚一次。</translation>
    </message>
    <message>
        <source>Keep the entries of the last N days (default 30).</source>
        <translation>保留最近 N 天的条目（默认 30）。</translation>
    </message>
    <message>
        <source>--older-than-days must be a whole number of days from 1 to 3650, not "%1".</source>
        <translation>--older-than-days 必须是 1 到 3650 之间的整数天数，而不是“%1”。</translation>
    </message>
    <message>
        <source>How many knowledge-base articles to write (0 to %1, default %2).</source>
        <translation>要写入的知识库文章数（0 到 %1，默认 %2）。</translation>
    </message>
    <message>
        <source>--kb-articles must be a whole number from 0 to %1, not "%2".</source>
        <translation>--kb-articles 须为 0 到 %1 之间的整数，而不是“%2”。</translation>
    </message>
    <message>
        <source>Train a churn model on a CSV file and print its test AUC, log-loss, accuracy, precision, recall and F1.</source>
        <translation>用 CSV 文件训练流失模型，并输出测试集上的 AUC、对数损失、准确率、精确率、召回率和 F1。</translation>
    </message>
    <message>
        <source>Trains a churn model on any CSV file with a header line: numeric and categorical columns are told apart by their values, blanks and NA count as missing, the target may be Yes/No, True/False, 1/0 or Y/N. The test rows come from --split, from --test, or else from a stratified 80/20 split. Prints one JSON line with the test figures on standard output.</source>
        <translation>用任意带表头行的 CSV 文件训练流失模型：按取值区分数值列和类别列，空值和 NA 视为缺失，目标列可为 Yes/No、True/False、1/0 或 Y/N。测试行取自 --split、--test，否则按分层 80/20 划分。测试集指标以一行 JSON 输出到标准输出。</translation>
    </message>
    <message>
        <source>The training data (CSV with a header line).</source>
        <translation>训练数据（带表头行的 CSV）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>The column to predict.</source>
        <translation>要预测的列。</translation>
    </message>
    <message>
        <source>COL</source>
        <translation>COL</translation>
    </message>
    <message>
        <source>A column identifying the row, left out of the model.</source>
        <translation>标识行的列，不参与建模。</translation>
    </message>
    <message>
        <source>A CSV with the columns row_index (0-based data row) and set (train or test).</source>
        <translation>含 row_index（从 0 起的数据行号）和 set（train 或 test）两列的 CSV。</translation>
    </message>
    <message>
        <source>A second CSV with the same header: the test rows.</source>
        <translation>表头相同的第二个 CSV：测试行。</translation>
    </message>
    <message>
        <source>The learner: lr (logistic regression) or gbt (gradient-boosted trees).</source>
        <translation>学习器：lr（逻辑回归）或 gbt（梯度提升树）。</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>KIND</translation>
    </message>
    <message>
        <source>Write the model file (JSON) here.</source>
        <translation>将模型文件（JSON）写到此处。</translation>
    </message>
    <message>
        <source>MODEL.json</source>
        <translation>MODEL.json</translation>
    </message>
    <message>
        <source>A missing value of the numeric column COL becomes VALUE instead of the training mean (repeatable).</source>
        <translation>数值列 COL 的缺失值用 VALUE 填充，而不是训练集均值（可重复指定）。</translation>
    </message>
    <message>
        <source>COL=VALUE</source>
        <translation>COL=VALUE</translation>
    </message>
    <message>
        <source>give --split or --test, not both.</source>
        <translation>请只给出 --split 或 --test 之一。</translation>
    </message>
    <message>
        <source>unknown --model "%1"; use lr or gbt.</source>
        <translation>未知的 --model“%1”；请使用 lr 或 gbt。</translation>
    </message>
    <message>
        <source>--fill wants COL=NUMBER, not "%1".</source>
        <translation>--fill 的格式应为 COL=数值，而不是“%1”。</translation>
    </message>
    <message>
        <source>Run "%1 %2 --help" for the options.</source>
        <translation>运行“%1 %2 --help”查看选项。</translation>
    </message>
    <message>
        <source>Score every cached customer for churn risk (features, model, reasons, rules, segments, tags), open retention tasks, or show one customer's score.</source>
        <translation>为缓存中的每位客户评估流失风险（特征、模型、原因、规则、细分、标签），创建挽留任务，或显示某位客户的评分。</translation>
    </message>
    <message>
        <source>Show, check or set the retention rules, risk bands, RFM segments and tags.</source>
        <translation>查看、检查或设置挽留规则、风险等级、RFM 分群和标签。</translation>
    </message>
    <message>
        <source>Generated %1 customers in %2 s; scoring them.</source>
        <translation>已在 %2 秒内生成 %1 位客户；正在评分。</translation>
    </message>
    <message>
        <source>Scored %1 customers in %2 s (%3 high risk, %4 retention tasks): %5 (%6 MB).</source>
        <translation>已在 %2 秒内为 %1 位客户评分（高风险 %3 位，挽留任务 %4 个）：%5（%6 MB）。</translation>
    </message>
    <message>
        <source>Train on the customer features of this data folder's cache instead of a CSV file (labels from demo_truth, or --labels).</source>
        <translation>用此数据目录缓存中的客户特征训练，而不是 CSV 文件（标签取自 demo_truth，或用 --labels 指定）。</translation>
    </message>
    <message>
        <source>With --data-dir: a CSV with the columns customer_id and label.</source>
        <translation>与 --data-dir 一起使用：包含 customer_id 和 label 两列的 CSV。</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>--model lr or --model gbt is required.</source>
        <translation>必须指定 --model lr 或 --model gbt。</translation>
    </message>
    <message>
        <source>--data-dir takes the features from the cache: give no --csv, --target, --split or --test.</source>
        <translation>--data-dir 从缓存中取特征：不要再给 --csv、--target、--split 或 --test。</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Folder of the local database (default: %1).</source>
        <translation>本地数据库所在文件夹（默认：%1）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Language of the user interface: zh_CN or en (default: from the system locale).</source>
        <translation>界面语言：zh_CN 或 en（默认：跟随系统区域设置）。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>Login of the local agent to sign in as (default: the demo data set's default agent).</source>
        <translation>以哪位本地坐席的登录名登录（默认：演示数据中的默认坐席）。</translation>
    </message>
    <message>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>VIEW</source>
        <translation>VIEW</translation>
    </message>
    <message>
        <source>Render the first view after its data has loaded, save it as a PNG file and exit.</source>
        <translation>在首个视图的数据加载完成后将其渲染并保存为 PNG 文件，然后退出。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Screen-pop a caller: the running TelcoDesk opens the customer with this number (or a new one starts with it).</source>
        <translation>来电弹屏：正在运行的 TelcoDesk 打开该号码的客户（如未运行则启动并打开）。</translation>
    </message>
    <message>
        <source>MSISDN</source>
        <translation>MSISDN</translation>
    </message>
    <message>
        <source>Customers in the demo database created on first start (default: %1).</source>
        <translation>首次启动时生成的演示数据库中的客户数（默认：%1）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>TelcoDesk — the desktop workstation for telecom customer service agents.</source>
        <translation>TelcoDesk —— 面向电信客服坐席的桌面工作台。</translation>
    </message>
    <message>
        <source>cannot write the screenshot %1: %2</source>
        <translation>无法写入截图 %1：%2</translation>
    </message>
    <message>
        <source>Screenshot saved to %1 (%2×%3).</source>
        <translation>截图已保存到 %1（%2×%3）。</translation>
    </message>
    <message>
        <source>TelcoDesk cannot start</source>
        <translation>TelcoDesk 无法启动</translation>
    </message>
    <message>
        <source>%1

Use the newer TelcoDesk that wrote it, or start with another --data-dir.</source>
        <translation>%1

请使用写入该数据库的新版 TelcoDesk，或用 --data-dir 指定其他数据文件夹启动。</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>数据库无法使用</translation>
    </message>
    <message>
        <source>%1

TelcoDesk can keep this file by renaming it (nothing in it is changed or overwritten) and start with a fresh demo database in its place.</source>
        <translation>%1

TelcoDesk 可以将该文件改名保留（内容不做任何修改、不会被覆盖），并在原位置新建一个演示数据库。</translation>
    </message>
    <message>
        <source>Move it aside and start fresh</source>
        <translation>改名保留并新建数据库</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>File kept</source>
        <translation>文件已保留</translation>
    </message>
    <message>
        <source>The old file was kept as:
%1

A fresh database is created now.</source>
        <translation>原文件已保留为：
%1

现在将新建数据库。</translation>
    </message>
    <message>
        <source>--lang must be zh_CN or en, not "%1".</source>
        <translation>--lang 只能是 zh_CN 或 en，而不是“%1”。</translation>
    </message>
    <message>
        <source>--demo-customers must be a positive number.</source>
        <translation>--demo-customers 必须是正整数。</translation>
    </message>
    <message>
        <source>--view customer: needs a number, e.g. customer:13812345678.</source>
        <translation>--view customer: 需要带号码，例如 customer:13812345678。</translation>
    </message>
    <message>
        <source>cannot write the screenshot %1: the folder %2 does not exist.</source>
        <translation>无法写入截图 %1：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>无法创建数据文件夹 %1。</translation>
    </message>
    <message>
        <source>the database %1 is empty: creating a demo data set of %2 customers.</source>
        <translation>数据库 %1 为空：正在生成包含 %2 位客户的演示数据。</translation>
    </message>
    <message>
        <source>creating the demo data set failed: %1</source>
        <translation>生成演示数据失败：%1</translation>
    </message>
    <message>
        <source>A demo database is needed</source>
        <translation>需要演示数据库</translation>
    </message>
    <message>
        <source>TelcoDesk works on a local database. Without a server to fill it, it needs a generated demo data set to show customers.

Create it now, or quit?</source>
        <translation>TelcoDesk 基于本地数据库工作。在没有服务器同步数据的情况下，需要生成一套演示数据才能显示客户。

现在生成，还是退出？</translation>
    </message>
    <message>
        <source>Creating the demo data set failed:
%1

Try again, or quit?</source>
        <translation>生成演示数据失败：
%1

重试，还是退出？</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <source>Central server to sync with: postgresql://HOST:PORT/DATABASE. The sign-in asks for the login and password (default: the server of the last sign-in in this data folder; without one, the local demo database).</source>
        <translation>要同步的中心服务器：postgresql://主机:端口/数据库。登录时会询问登录名和密码（默认：此数据文件夹中上次登录的服务器；没有时使用本地演示数据库）。</translation>
    </message>
    <message>
        <source>What to show first: customer:MSISDN, search, search:QUERY, tickets, kb or kb:QUERY (the knowledge base with the results for QUERY and the first one open), or retention.</source>
        <translation>首先显示的内容：customer:号码、search、search:查询、tickets、kb 或 kb:查询（知识库，显示查询结果并打开第一条），或 retention。</translation>
    </message>
    <message>
        <source>--view must be customer:MSISDN, search, search:QUERY, tickets, kb, kb:QUERY or retention (other views come with later versions), not "%1".</source>
        <translation>--view 必须是 customer:号码、search、search:查询、tickets、kb、kb:查询 或 retention（其他视图将在以后的版本中提供），而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>AssignmentService</name>
    <message>
        <source>Cannot read the ticket: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>The ticket does not exist.</source>
        <translation>该工单不存在。</translation>
    </message>
    <message>
        <source>Cannot read the agent: %1</source>
        <translation>无法读取坐席：%1</translation>
    </message>
    <message>
        <source>The agent does not exist or has left.</source>
        <translation>该坐席不存在或已离职。</translation>
    </message>
    <message>
        <source>The agent %1 has a role this version does not know.</source>
        <translation>坐席 %1 的角色是本版本无法识别的。</translation>
    </message>
    <message>
        <source>The ticket is closed; reopen it before assigning it.</source>
        <translation>该工单已结案；请先重新打开再分派。</translation>
    </message>
    <message>
        <source>%1 does not work tickets.</source>
        <translation>%1 不处理工单。</translation>
    </message>
    <message>
        <source>%1 does not serve the queue '%2' (it needs the skill '%3').</source>
        <translation>%1 不负责队列“%2”（需要技能“%3”）。</translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>a ticket's previous assignee when it had none</comment>
        <translation>无人</translation>
    </message>
    <message>
        <source>Assigned: %1 → %2</source>
        <translation>分派：%1 → %2</translation>
    </message>
    <message>
        <source>Your role (%1) does not take tickets.</source>
        <translation>您的角色（%1）不能领取工单。</translation>
    </message>
    <message>
        <source>Ticket %1 is assigned to %2; only a supervisor can reassign it.</source>
        <translation>工单 %1 已分派给 %2；只有主管可以改派。</translation>
    </message>
    <message>
        <source>Your role (%1) cannot assign tickets to others.</source>
        <translation>您的角色（%1）不能把工单分派给他人。</translation>
    </message>
    <message>
        <source>Choose at least one ticket to assign.</source>
        <translation>请至少选择一张要分派的工单。</translation>
    </message>
    <message>
        <source>Ticket %1 cannot be assigned: %2</source>
        <translation>工单 %1 无法分派：%2</translation>
    </message>
    <message>
        <source>Cannot read the agents: %1</source>
        <translation>无法读取坐席：%1</translation>
    </message>
    <message>
        <source>Cannot count the agents' tickets: %1</source>
        <translation>无法统计坐席的工单数：%1</translation>
    </message>
    <message>
        <source>Ticket %1 is already assigned to %2; assign it by hand to change that.</source>
        <translation>工单 %1 已分派给 %2；如需更改请手动分派。</translation>
    </message>
    <message>
        <source>Ticket %1 has no queue, so nobody can be picked for it.</source>
        <translation>工单 %1 没有所属队列，因此无法为其选择处理人。</translation>
    </message>
    <message>
        <source>Nobody serves the queue '%1' (skill '%2').</source>
        <translation>没有人负责队列“%1”（技能“%2”）。</translation>
    </message>
</context>
<context>
    <name>AtRiskExport</name>
    <message>
        <source>Cannot write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <extracomment>%1 the file, %2 why</extracomment>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>An audit entry needs who acted, what was done and on what kind of record.</source>
        <translation>审计记录必须包含操作人、操作内容和操作对象的类型。</translation>
    </message>
    <message>
        <source>An audit entry field is too long (%1 characters; at most %2).</source>
        <translation>审计记录的字段过长（%1 个字符，最多 %2 个）。</translation>
    </message>
    <message>
        <source>An audit entry field contains invalid characters.</source>
        <translation>审计记录的字段包含无效字符。</translation>
    </message>
    <message>
        <source>The audit log could not be written: the database is not open.</source>
        <translation>无法写入审计日志：数据库未打开。</translation>
    </message>
    <message>
        <source>The audit log could not be written: %1</source>
        <translation>无法写入审计日志：%1</translation>
    </message>
    <message>
        <source>The audit log cannot be read: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>Audit row %1 has been altered: its content does not match its hash.</source>
        <translation>审计记录 %1 已被篡改：内容与其哈希值不符。</translation>
    </message>
    <message>
        <source>Audit row %1 does not follow the row before it (row %2): rows were removed, inserted or altered.</source>
        <translation>审计记录 %1 与前一条记录（第 %2 条）衔接不上：有记录被删除、插入或篡改。</translation>
    </message>
    <message>
        <source>Audit rows %1 to %2 are missing: they were removed from the end of the log.</source>
        <translation>审计记录 %1 至 %2 缺失：日志末尾的记录已被删除。</translation>
    </message>
</context>
<context>
    <name>CannedReplies</name>
    <message>
        <source>The canned replies cannot be read: %1</source>
        <translation>无法读取快捷回复：%1</translation>
    </message>
</context>
<context>
    <name>Condition</name>
    <message>
        <source>a condition must be an object: {"feature", "op", "value"}, {"all": […]}, {"any": […]}, {"at_least": n, "of": […]} or {"not": …}</source>
        <translation>条件必须是对象：{"feature", "op", "value"}、{"all": […]}、{"any": […]}、{"at_least": n, "of": […]} 或 {"not": …}</translation>
    </message>
    <message>
        <source>"of" needs "at_least"</source>
        <translation>"of" 需要与 "at_least" 一起使用</translation>
    </message>
    <message>
        <source>a condition needs one of "feature", "all", "any", "at_least" or "not"</source>
        <translation>条件需要 "feature"、"all"、"any"、"at_least" 或 "not" 之一</translation>
    </message>
    <message>
        <source>a condition takes one of "feature", "all", "any", "at_least" or "not", not both %1 and %2</source>
        <translation>条件只能取 "feature"、"all"、"any"、"at_least" 或 "not" 之一，不能同时有 %1 和 %2</translation>
    </message>
    <message>
        <source>unknown key %1 in a condition</source>
        <translation>条件中有未知的键 %1</translation>
    </message>
    <message>
        <source>"feature" must be the name of a feature</source>
        <translation>"feature" 必须是特征名称</translation>
    </message>
    <message>
        <source>unknown feature %1</source>
        <translation>未知的特征 %1</translation>
    </message>
    <message>
        <source>missing "op"</source>
        <translation>缺少 "op"</translation>
    </message>
    <message>
        <source>unknown op %1; an op is one of &lt;, &lt;=, &gt;, &gt;=, == or !=</source>
        <translation>未知的运算符 %1；运算符为 &lt;、&lt;=、&gt;、&gt;=、== 或 != 之一</translation>
    </message>
    <message>
        <source>"op" must be one of "&lt;", "&lt;=", "&gt;", "&gt;=", "==" or "!="</source>
        <translation>"op" 必须是 "&lt;"、"&lt;="、"&gt;"、"&gt;="、"==" 或 "!=" 之一</translation>
    </message>
    <message>
        <source>missing "value"</source>
        <translation>缺少 "value"</translation>
    </message>
    <message>
        <source>"value" must be a number</source>
        <translation>"value" 必须是数字</translation>
    </message>
    <message>
        <source>missing "of"</source>
        <translation>缺少 "of"</translation>
    </message>
    <message>
        <source>"%1" must be a list of conditions</source>
        <translation>"%1" 必须是条件列表</translation>
    </message>
    <message>
        <source>"at_least" must be a whole number from 1 to the number of conditions in "of" (%1)</source>
        <translation>"at_least" 必须是 1 到 "of" 中条件个数（%1）之间的整数</translation>
    </message>
</context>
<context>
    <name>ConflictService</name>
    <message>
        <source>Cannot read the conflicts: %1</source>
        <translation>无法读取冲突：%1</translation>
    </message>
    <message>
        <source>Cannot count the conflicts: %1</source>
        <translation>无法统计冲突：%1</translation>
    </message>
    <message>
        <source>This conflict has already been resolved.</source>
        <translation>此冲突已经处理过了。</translation>
    </message>
    <message>
        <source>This conflict no longer exists.</source>
        <translation>此冲突已不存在。</translation>
    </message>
    <message>
        <source>The value kept for "%1" does not fit the field's type.</source>
        <translation>为“%1”保留的值与该字段的类型不符。</translation>
    </message>
    <message>
        <source>Records of this kind (%1) cannot be changed on this desktop.</source>
        <translation>此类记录（%1）不能在本机修改。</translation>
    </message>
    <message>
        <source>The field "%1" does not exist in %2.</source>
        <translation>%2 中不存在字段“%1”。</translation>
    </message>
    <message>
        <source>Cannot record the choice: %1</source>
        <translation>无法记录您的选择：%1</translation>
    </message>
    <message>
        <source>Cannot take the server's value: %1</source>
        <translation>无法采用服务器的值：%1</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>No password is stored for this sign-in.</source>
        <translation>此登录未保存密码。</translation>
    </message>
    <message>
        <source>No keychain is available on this computer (%1).</source>
        <translation>此计算机上没有可用的系统密钥库（%1）。</translation>
    </message>
    <message>
        <source>Access to the keychain was refused (%1).</source>
        <translation>访问系统密钥库被拒绝（%1）。</translation>
    </message>
    <message>
        <source>Cannot read the password from the keychain: %1</source>
        <translation>无法从系统密钥库读取密码：%1</translation>
    </message>
    <message>
        <source>Cannot store the password in the keychain: %1</source>
        <translation>无法将密码保存到系统密钥库：%1</translation>
    </message>
    <message>
        <source>Cannot remove the password from the keychain: %1</source>
        <translation>无法从系统密钥库删除密码：%1</translation>
    </message>
</context>
<context>
    <name>CsvTable</name>
    <message>
        <source>%1, line %2, field %3: unexpected text after a closing quote</source>
        <translation>%1，第 %2 行，第 %3 个字段：右引号后出现多余文字</translation>
    </message>
    <message>
        <source>%1, line %2, field %3: a quoted field is never closed (missing ")</source>
        <translation>%1，第 %2 行，第 %3 个字段：带引号的字段没有结束（缺少 "）</translation>
    </message>
    <message>
        <source>%1: the file is empty (a header line is needed)</source>
        <translation>%1：文件为空（需要表头行）</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1, line 1, column %2: the header has an empty column name</source>
        <translation>%1，第 1 行，第 %2 列：表头中有空列名</translation>
    </message>
    <message>
        <source>%1, line 1: the column "%2" appears twice in the header</source>
        <translation>%1，第 1 行：列“%2”在表头中出现了两次</translation>
    </message>
    <message>
        <source>%1: its header differs from the header of %2</source>
        <translation>%1：表头与 %2 的表头不同</translation>
    </message>
    <message>
        <source>%1: there is no target column "%2" (the columns are: %3)</source>
        <translation>%1：没有目标列“%2”（现有列：%3）</translation>
    </message>
    <message>
        <source>%1: there is no id column "%2"</source>
        <translation>%1：没有标识列“%2”</translation>
    </message>
    <message>
        <source>the target and the id column are the same column "%1"</source>
        <translation>目标列和标识列是同一列“%1”</translation>
    </message>
    <message>
        <source>%1, line %2: %3 fields where the header has %4</source>
        <translation>%1，第 %2 行：有 %3 个字段，而表头有 %4 个</translation>
    </message>
    <message>
        <source>%1, line %2, column %3 (%4): the target value "%5" is not one of Yes/No, True/False, 1/0, Y/N</source>
        <translation>%1，第 %2 行，第 %3 列（%4）：目标值“%5”不是 Yes/No、True/False、1/0、Y/N 之一</translation>
    </message>
</context>
<context>
    <name>CustomerFeatures</name>
    <message>
        <source>Tenure in months</source>
        <translation>在网月数</translation>
    </message>
    <message>
        <source>Months to contract end</source>
        <translation>距合约到期月数</translation>
    </message>
    <message>
        <source>Days to contract end</source>
        <translation>距合约到期天数</translation>
    </message>
    <message>
        <source>Spend last month</source>
        <translation>上月消费</translation>
    </message>
    <message>
        <source>Average monthly spend over 3 months</source>
        <translation>近3个月月均消费</translation>
    </message>
    <message>
        <source>Spend change over 3 months</source>
        <translation>近3个月消费变化</translation>
    </message>
    <message>
        <source>Spend change over 6 months</source>
        <translation>近6个月消费变化</translation>
    </message>
    <message>
        <source>Spend last month against the earlier baseline</source>
        <translation>上月消费与此前水平之比</translation>
    </message>
    <message>
        <source>Spend 2 months ago against the earlier baseline</source>
        <translation>2个月前消费与此前水平之比</translation>
    </message>
    <message>
        <source>Spend 3 months ago against the earlier baseline</source>
        <translation>3个月前消费与此前水平之比</translation>
    </message>
    <message>
        <source>Data use change over 3 months</source>
        <translation>近3个月流量使用变化</translation>
    </message>
    <message>
        <source>Data use change over 6 months</source>
        <translation>近6个月流量使用变化</translation>
    </message>
    <message>
        <source>Call minutes change over 3 months</source>
        <translation>近3个月通话分钟数变化</translation>
    </message>
    <message>
        <source>Call minutes in 30 days against the 3 months before</source>
        <translation>近30天通话分钟数与前3个月之比</translation>
    </message>
    <message>
        <source>App logins a week, last month</source>
        <translation>上月App每周登录次数</translation>
    </message>
    <message>
        <source>App logins a week, earlier</source>
        <translation>此前App每周登录次数</translation>
    </message>
    <message>
        <source>App login change over 3 months</source>
        <translation>近3个月App登录变化</translation>
    </message>
    <message>
        <source>Complaints in the last 30 days</source>
        <translation>近30天投诉次数</translation>
    </message>
    <message>
        <source>Number-porting enquiries in the last 7 days</source>
        <translation>近7天携号转网咨询次数</translation>
    </message>
    <message>
        <source>Billing contacts in the last 90 days</source>
        <translation>近90天账单咨询次数</translation>
    </message>
    <message>
        <source>Contacts in the last 90 days</source>
        <translation>近90天联系次数</translation>
    </message>
    <message>
        <source>Overdue bills</source>
        <translation>逾期账单</translation>
    </message>
    <message>
        <source>Amount overdue (yuan)</source>
        <translation>逾期金额（元）</translation>
    </message>
    <message>
        <source>Data use against the allowance</source>
        <translation>流量使用占套餐比例</translation>
    </message>
    <message>
        <source>Call minutes against the allowance</source>
        <translation>通话分钟数占套餐比例</translation>
    </message>
    <message>
        <source>Months over the data allowance (of 3)</source>
        <translation>流量超套月数（近3个月）</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭规模</translation>
    </message>
    <message>
        <source>Active lines</source>
        <translation>在用号码数</translation>
    </message>
    <message>
        <source>SLA breaches on tickets in the last 90 days</source>
        <translation>近90天工单超时次数</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Family account</source>
        <translation>家庭账户</translation>
    </message>
    <message>
        <source>Enterprise account</source>
        <translation>政企客户</translation>
    </message>
    <message>
        <source>Customer tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>Months since last activity (RFM recency)</source>
        <translation>距最近一次活动月数（RFM 近度）</translation>
    </message>
    <message>
        <source>Purchases and payments in 6 months (RFM frequency)</source>
        <translation>近6个月购买和缴费次数（RFM 频度）</translation>
    </message>
</context>
<context>
    <name>DemoDataSetup</name>
    <message>
        <source>Preparing TelcoDesk</source>
        <translation>正在准备 TelcoDesk</translation>
    </message>
    <message>
        <source>Creating a demo database with %1 customers…</source>
        <translation>正在生成包含 %1 位客户的演示数据库…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Creating a demo database with %1 customers…
%2</source>
        <extracomment>Progress dialog text; %1 number of customers, %2 the generator's current stage</extracomment>
        <translation>正在生成包含 %1 位客户的演示数据库…
%2</translation>
    </message>
    <message>
        <source>generating demo data: %1% %2</source>
        <translation>正在生成演示数据：%1% %2</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <source>No database is open.</source>
        <translation>没有打开的数据库。</translation>
    </message>
    <message>
        <source>The number of customers must be between 1 and %1; %2 was asked for.</source>
        <translation>客户数必须在 1 到 %1 之间；当前要求的是 %2。</translation>
    </message>
    <message>
        <source>The data set's date must lie between the years 2000 and 2100.</source>
        <translation>数据集的日期必须在 2000 年至 2100 年之间。</translation>
    </message>
    <message>
        <source>The database %1 cannot be opened: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>Generating the demo data was cancelled; the database was left as it was.</source>
        <translation>演示数据生成已取消；数据库保持原样。</translation>
    </message>
    <message>
        <source>Preparing the database…</source>
        <translation>正在准备数据库…</translation>
    </message>
    <message>
        <source>The database %1 already holds customers or a catalog; demo data is only generated into an empty database. Choose an empty data folder.</source>
        <translation>数据库 %1 中已有客户或产品目录；演示数据只能生成到空数据库中。请选择一个空的数据文件夹。</translation>
    </message>
    <message>
        <source>Creating customers, their lines and two years of history…</source>
        <translation>正在创建客户、号码及两年的历史数据…</translation>
    </message>
    <message>
        <source>Generating the demo data failed: %1</source>
        <translation>生成演示数据失败：%1</translation>
    </message>
    <message>
        <source>Building the search indexes…</source>
        <translation>正在建立检索索引…</translation>
    </message>
    <message>
        <source>Collecting statistics…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>The number of knowledge-base articles must be between 0 and %1; %2 was asked for.</source>
        <translation>知识库文章数须在 0 到 %1 之间，而请求的是 %2。</translation>
    </message>
    <message>
        <source>Writing the knowledge base…</source>
        <translation>正在写入知识库…</translation>
    </message>
</context>
<context>
    <name>EscalationEvaluator</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Not handled within %1 of being opened.</source>
        <translation>受理后 %1 内未处理。</translation>
    </message>
    <message>
        <source>Not handled within %1 of working time.</source>
        <translation>%1 工作时间内未处理。</translation>
    </message>
    <message>
        <source>The resolution time limit (SLA) has passed.</source>
        <translation>已超过解决时限（SLA）。</translation>
    </message>
    <message>
        <source>Complaint number %1 from this customer within %2.</source>
        <translation>该客户 %2 内的第 %1 次投诉。</translation>
    </message>
</context>
<context>
    <name>EscalationRule</name>
    <message>
        <source>Cannot read the escalation rules: %1</source>
        <translation>无法读取升级规则：%1</translation>
    </message>
</context>
<context>
    <name>EscalationService</name>
    <message>
        <source>Cannot read the tickets: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>Cannot read the escalations: %1</source>
        <translation>无法读取升级记录：%1</translation>
    </message>
    <message>
        <source>Ticket %1: %2</source>
        <translation>工单 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the customer's earlier complaints: %1</source>
        <translation>无法读取该客户以往的投诉：%1</translation>
    </message>
    <message>
        <source>Priority raised from P%1 to P%2 by the rule "%3": %4</source>
        <translation>按规则“%3”将优先级由 P%1 提升至 P%2：%4</translation>
    </message>
    <message>
        <source>Escalated to the supervisor by the rule "%1": %2</source>
        <translation>按规则“%1”升级至主管：%2</translation>
    </message>
    <message>
        <source>Escalated (notifying the role "%1") by the rule "%2": %3</source>
        <translation>按规则“%2”升级（通知角色“%1”）：%3</translation>
    </message>
    <message>
        <source>Cannot mark the notifications seen: %1</source>
        <translation>无法将通知标为已读：%1</translation>
    </message>
    <message>
        <source>Only supervisors and administrators acknowledge escalations.</source>
        <translation>只有主管和管理员可以确认升级。</translation>
    </message>
    <message>
        <source>The note is too long (%1 characters; at most %2).</source>
        <translation>备注过长（%1 个字符，最多 %2 个）。</translation>
    </message>
    <message>
        <source>Cannot read the escalation: %1</source>
        <translation>无法读取该升级记录：%1</translation>
    </message>
    <message>
        <source>The escalation does not exist.</source>
        <translation>该升级记录不存在。</translation>
    </message>
    <message>
        <source>The escalation of ticket %1 has been acknowledged already.</source>
        <translation>工单 %1 的升级已被确认。</translation>
    </message>
    <message>
        <source>Escalation "%1" acknowledged by %2.</source>
        <translation>升级“%1”已由 %2 确认。</translation>
    </message>
    <message>
        <source>Escalation "%1" acknowledged by %2: %3</source>
        <translation>升级“%1”已由 %2 确认：%3</translation>
    </message>
</context>
<context>
    <name>FeatureExtractor</name>
    <message>
        <source>cannot read the features: %1</source>
        <translation>无法读取特征：%1</translation>
    </message>
    <message>
        <source>cannot read the table %1 for the features: %2</source>
        <translation>无法读取用于特征的表 %1：%2</translation>
    </message>
    <message>
        <source>the local database is not open</source>
        <translation>本地数据库未打开</translation>
    </message>
</context>
<context>
    <name>FieldDispatch</name>
    <message>
        <source>Cannot read the field engineers: %1</source>
        <translation>无法读取现场工程师：%1</translation>
    </message>
    <message>
        <source>No field engineer is available.</source>
        <translation>当前没有可派遣的现场工程师。</translation>
    </message>
    <message>
        <source>No field engineer with the skill '%1' is available.</source>
        <translation>当前没有具备“%1”技能的可派遣现场工程师。</translation>
    </message>
    <message>
        <source>Cannot read the ticket: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>The ticket does not exist.</source>
        <translation>该工单不存在。</translation>
    </message>
    <message>
        <source>Ticket %1: the customer's region is not known, so its place cannot be found.</source>
        <translation>工单 %1：客户所在地区未知，无法确定位置。</translation>
    </message>
    <message>
        <source>Cannot read the region's place: %1</source>
        <translation>无法读取该地区的位置：%1</translation>
    </message>
    <message>
        <source>The field engineer does not exist.</source>
        <translation>该现场工程师不存在。</translation>
    </message>
    <message>
        <source>Your role (%1) does not work tickets.</source>
        <translation>您的角色（%1）不处理工单。</translation>
    </message>
    <message>
        <source>Only fault reports are sent to field engineers; ticket %1 is %2.</source>
        <translation>只有故障工单才派现场工程师；工单 %1 是%2。</translation>
    </message>
    <message>
        <source>%1 is not available for dispatch.</source>
        <translation>%1 目前无法派遣。</translation>
    </message>
    <message>
        <source>Field engineer %1 (%2) dispatched, %3 km from the customer's city centre.</source>
        <translation>已派现场工程师 %1（%2），距客户所在城市中心 %3 公里。</translation>
    </message>
    <message>
        <source>Field engineer %1 (%2) dispatched; the distance is not known.</source>
        <translation>已派现场工程师 %1（%2），距离未知。</translation>
    </message>
</context>
<context>
    <name>GradientBoostedTrees</name>
    <message>
        <source>invalid gradient-boosted trees model: %1</source>
        <translation>梯度提升树模型无效：%1</translation>
    </message>
    <message>
        <source>there are no training rows or no features</source>
        <translation>没有训练行或没有特征</translation>
    </message>
    <message>
        <source>the feature matrix and its labels differ in size</source>
        <translation>特征矩阵与标签的行数不一致</translation>
    </message>
    <message>
        <source>invalid gradient-boosted trees options</source>
        <translation>梯度提升树参数无效</translation>
    </message>
</context>
<context>
    <name>KbArticleService</name>
    <message>
        <source>Cannot read the article: %1</source>
        <translation>无法读取文章：%1</translation>
    </message>
    <message>
        <source>The article no longer exists.</source>
        <translation>该文章已不存在。</translation>
    </message>
    <message>
        <source>Only supervisors and administrators write and review knowledge-base articles.</source>
        <translation>只有主管和管理员可以编写和审核知识库文章。</translation>
    </message>
    <message>
        <source>"%1" cannot be %2: it is %3.</source>
        <extracomment>%1 the article's title, %2 what was attempted (e.g. "approved"), %3 its status</extracomment>
        <translation>“%1”无法%2：该文章处于%3状态。</translation>
    </message>
    <message>
        <source>a draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>下线</translation>
    </message>
    <message>
        <source>Title: a title is required.</source>
        <translation>标题：必须填写标题。</translation>
    </message>
    <message>
        <source>Title: at most %1 characters (this one has %2).</source>
        <translation>标题：最多 %1 个字符（当前为 %2 个）。</translation>
    </message>
    <message>
        <source>Body: the article needs a text.</source>
        <translation>正文：请填写文章正文。</translation>
    </message>
    <message>
        <source>Language: choose Chinese (zh_CN) or English (en), not "%1".</source>
        <translation>语言：请选择中文（zh_CN）或英文（en），而不是“%1”。</translation>
    </message>
    <message>
        <source>Category: a category is required.</source>
        <translation>分类：必须选择分类。</translation>
    </message>
    <message>
        <source>Cannot read the categories: %1</source>
        <translation>无法读取分类：%1</translation>
    </message>
    <message>
        <source>Category: "%1" is not a category of the knowledge base.</source>
        <translation>分类：“%1”不是知识库中的分类。</translation>
    </message>
    <message>
        <source>Tags: at most %1 tags (there are %2).</source>
        <translation>标签：最多 %1 个（当前有 %2 个）。</translation>
    </message>
    <message>
        <source>Tags: "%1" is longer than %2 characters.</source>
        <translation>标签：“%1”超过 %2 个字符。</translation>
    </message>
    <message>
        <source>Change note: say what this revision changes.</source>
        <translation>变更说明：请说明本次修订改了什么。</translation>
    </message>
    <message>
        <source>Cannot read the article's feedback: %1</source>
        <translation>无法读取文章的反馈：%1</translation>
    </message>
    <message>
        <source>revised</source>
        <translation>修订</translation>
    </message>
    <message>
        <source>Cannot look for an open revision: %1</source>
        <translation>无法查找未完成的修订：%1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>submitted for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>You wrote "%1": another supervisor or an administrator must review it.</source>
        <translation>“%1”由您编写：须由其他主管或管理员审核。</translation>
    </message>
    <message>
        <source>The article that "%1" revises no longer exists.</source>
        <translation>“%1”所修订的文章已不存在。</translation>
    </message>
    <message>
        <source>Review note: say what the author should change.</source>
        <translation>审核意见：请说明作者需要修改的内容。</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Cannot look for open revisions: %1</source>
        <translation>无法查找未完成的修订：%1</translation>
    </message>
    <message>
        <source>Cannot read the drafts: %1</source>
        <translation>无法读取草稿：%1</translation>
    </message>
    <message>
        <source>Cannot read the article's history: %1</source>
        <translation>无法读取文章历史：%1</translation>
    </message>
</context>
<context>
    <name>KbCategoryNames</name>
    <message>
        <source> › </source>
        <extracomment>Separator between the levels of a category path, e.g. "Bills and charges › Billing disputes"</extracomment>
        <translation> › </translation>
    </message>
</context>
<context>
    <name>KbFeedbackService</name>
    <message>
        <source>Cannot read the feedback: %1</source>
        <translation>无法读取反馈：%1</translation>
    </message>
    <message>
        <source>The article no longer exists.</source>
        <translation>该文章已不存在。</translation>
    </message>
    <message>
        <source>Feedback is recorded in an agent's name: sign in first.</source>
        <translation>反馈以坐席名义记录：请先登录。</translation>
    </message>
    <message>
        <source>rated</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>You have rated this version of "%1" already; a vote is not changed.</source>
        <translation>您已评价过“%1”的此版本，评价提交后不能更改。</translation>
    </message>
    <message>
        <source>Cannot read the ticket: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>The ticket no longer exists.</source>
        <translation>该工单已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the ticket's articles: %1</source>
        <translation>无法读取工单关联的文章：%1</translation>
    </message>
</context>
<context>
    <name>KbFormat</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已下线</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>KbGenerator</name>
    <message>
        <source>Writing the knowledge base failed: %1</source>
        <translation>写入知识库失败：%1</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>没有打开的数据库。</translation>
    </message>
    <message>
        <source>The number of knowledge-base articles must be between 1 and %1; %2 was asked for.</source>
        <translation>知识库文章数须在 1 到 %1 之间，而请求的是 %2。</translation>
    </message>
    <message>
        <source>The data set's date must lie between the years 2000 and 2100.</source>
        <translation>数据集的日期须在 2000 年至 2100 年之间。</translation>
    </message>
    <message>
        <source>The database %1 cannot be opened: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>Generating the knowledge base was cancelled; the database was left as it was.</source>
        <translation>生成知识库已取消，数据库保持原样。</translation>
    </message>
    <message>
        <source>The database %1 already holds knowledge-base articles; a generated knowledge base is only written into an empty one.</source>
        <translation>数据库 %1 中已有知识库文章；生成的知识库只会写入没有文章的数据库。</translation>
    </message>
</context>
<context>
    <name>LogisticRegression</name>
    <message>
        <source>there are no training rows</source>
        <translation>没有训练行</translation>
    </message>
    <message>
        <source>the training rows have no labels</source>
        <translation>训练行没有标签</translation>
    </message>
    <message>
        <source>the regularisation strength C must be positive</source>
        <translation>正则化强度 C 必须为正数</translation>
    </message>
    <message>
        <source>the features hold a missing or infinite value; logistic regression needs every value filled in</source>
        <translation>特征中有缺失值或无穷大；逻辑回归要求每个值都已填充</translation>
    </message>
    <message>
        <source>the Newton system could not be solved (the data may hold extreme values)</source>
        <translation>牛顿法方程组无法求解（数据中可能有极端值）</translation>
    </message>
</context>
<context>
    <name>ModelFile</name>
    <message>
        <source>%1 is not a usable model file: %2</source>
        <translation>%1 不是可用的模型文件：%2</translation>
    </message>
    <message>
        <source>models of kind "%1" cannot score in this version</source>
        <translation>此版本无法用“%1”类模型评分</translation>
    </message>
    <message>
        <source>broken JSON at byte %1 (%2)</source>
        <translation>第 %1 字节处 JSON 损坏（%2）</translation>
    </message>
    <message>
        <source>the top level is not a JSON object</source>
        <translation>顶层不是 JSON 对象</translation>
    </message>
    <message>
        <source>it is not a TelcoDesk scoring model ("format" is not "%1")</source>
        <translation>这不是 TelcoDesk 评分模型（“format”不是“%1”）</translation>
    </message>
    <message>
        <source>its version %1 is not supported (this program reads version %2)</source>
        <translation>不支持其版本 %1（本程序读取版本 %2）</translation>
    </message>
    <message>
        <source>"preprocessing.columns" is missing</source>
        <translation>缺少“preprocessing.columns”</translation>
    </message>
    <message>
        <source>preprocessing column %1 has no name</source>
        <translation>预处理第 %1 列没有名称</translation>
    </message>
    <message>
        <source>the numeric column "%1" lacks a valid mean, std or fill</source>
        <translation>数值列“%1”缺少有效的均值、标准差或填充值</translation>
    </message>
    <message>
        <source>the categorical column "%1" has no levels</source>
        <translation>类别列“%1”没有取值</translation>
    </message>
    <message>
        <source>the categorical column "%1" has a level that is not text</source>
        <translation>类别列“%1”有非文本的取值</translation>
    </message>
    <message>
        <source>column "%1" has the unknown type "%2"</source>
        <translation>列“%1”的类型“%2”未知</translation>
    </message>
    <message>
        <source>"model.kind" is missing</source>
        <translation>缺少“model.kind”</translation>
    </message>
    <message>
        <source>its trees are damaged: %1</source>
        <translation>其中的树已损坏：%1</translation>
    </message>
    <message>
        <source>its trees were grown on other features than its preprocessing gives</source>
        <translation>其中的树所用特征与预处理生成的特征不一致</translation>
    </message>
    <message>
        <source>the model kind "%1" is not supported by this version</source>
        <translation>此版本不支持模型类型“%1”</translation>
    </message>
    <message>
        <source>"model.intercept" is missing or not a finite number</source>
        <translation>“model.intercept”缺失或不是有限数</translation>
    </message>
    <message>
        <source>"model.weights" is missing</source>
        <translation>缺少“model.weights”</translation>
    </message>
    <message>
        <source>weight %1 is not a finite number</source>
        <translation>第 %1 个权重不是有限数</translation>
    </message>
    <message>
        <source>it has %1 weights for %2 features</source>
        <translation>有 %1 个权重，但特征有 %2 个</translation>
    </message>
    <message>
        <source>its feature list does not match its preprocessing</source>
        <translation>其特征列表与预处理不一致</translation>
    </message>
    <message>
        <source>the model has an infinite or undefined weight and cannot be saved</source>
        <translation>模型含有无穷大或未定义的权重，无法保存</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>NoteService</name>
    <message>
        <source>Your role may not add notes.</source>
        <translation>您的角色无权添加备注。</translation>
    </message>
    <message>
        <source>Note: write something to keep on this customer.</source>
        <translation>备注：请填写要为该客户记下的内容。</translation>
    </message>
    <message>
        <source>Note: %1 characters is too long; at most %2.</source>
        <translation>备注：%1 个字符太长，最多 %2 个。</translation>
    </message>
    <message>
        <source>Note: contains characters that are not valid text.</source>
        <translation>备注：包含无效的文本字符。</translation>
    </message>
    <message>
        <source>Customer: the customer does not exist.</source>
        <translation>客户：该客户不存在。</translation>
    </message>
</context>
<context>
    <name>OfferCatalog</name>
    <message>
        <source>Cannot read the offers: %1</source>
        <translation>无法读取优惠：%1</translation>
    </message>
    <message>
        <source>Offer %1: its rule is not a JSON object.</source>
        <extracomment>%1 an offer code such as RET-DATA-10G-3M</extracomment>
        <translation>优惠 %1：其规则不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Offer %1: "priority" must be a whole number.</source>
        <translation>优惠 %1：“priority”必须是整数。</translation>
    </message>
    <message>
        <source>Offer %1: %2</source>
        <extracomment>%1 an offer code, %2 what is wrong with its rule</extracomment>
        <translation>优惠 %1：%2</translation>
    </message>
</context>
<context>
    <name>OutboxPusher</name>
    <message>
        <source>Cannot read the local changes waiting to sync: %1</source>
        <translation>无法读取待同步的本地变更：%1</translation>
    </message>
    <message>
        <source>The change could not be read (its stored form is not valid JSON: %1).</source>
        <translation>无法读取该变更（其保存格式不是有效的 JSON：%1）。</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>Cannot update the local changes waiting to sync: %1</source>
        <translation>无法更新待同步的本地变更：%1</translation>
    </message>
    <message>
        <source>Cannot record the server's answer: %1</source>
        <translation>无法记录服务器的答复：%1</translation>
    </message>
    <message>
        <source>The server answered change %1 with an unknown status "%2".</source>
        <translation>服务器对变更 %1 的答复状态“%2”无法识别。</translation>
    </message>
    <message numerus="yes">
        <source>The server answered %n of the changes sent without a verdict for the others.</source>
        <translation>
            <numerusform>服务器只答复了所发送变更中的 %n 项，其余没有结论。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot record a refused change: %1</source>
        <translation>无法记录被拒绝的变更：%1</translation>
    </message>
    <message>
        <source>Cannot undo the refused change locally: %1</source>
        <translation>无法在本地撤销被拒绝的变更：%1</translation>
    </message>
    <message>
        <source>Cannot read the resolved conflicts: %1</source>
        <translation>无法读取已处理的冲突：%1</translation>
    </message>
    <message>
        <source>Cannot record a resolved conflict: %1</source>
        <translation>无法记录已处理的冲突：%1</translation>
    </message>
    <message>
        <source>Cannot record the conflicts: %1</source>
        <translation>无法记录冲突：%1</translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
</context>
<context>
    <name>OutboxStatus</name>
    <message>
        <source>Cannot count the changes waiting to sync: %1</source>
        <translation>无法统计待同步的变更：%1</translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <source>The server at %1 refused the login "%2": the password is wrong or the login is not allowed. Check the login and password. (%3)</source>
        <translation>%1 的服务器拒绝了登录名“%2”：密码错误或该登录名不允许登录。请检查登录名和密码。（%3）</translation>
    </message>
    <message>
        <source>The server at %1 has no database "%2". Check the database name at the end of the address.</source>
        <translation>%1 的服务器上没有数据库“%2”。请检查地址末尾的数据库名称。</translation>
    </message>
    <message>
        <source>Cannot reach a PostgreSQL server at %1. Check that the server is running and that the host and port are right. (%2)</source>
        <translation>无法连接到 %1 的 PostgreSQL 服务器。请确认服务器正在运行，且主机和端口正确。（%2）</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL server at %1: %2</source>
        <translation>无法连接到 %1 的 PostgreSQL 服务器：%2</translation>
    </message>
    <message>
        <source>Qt's PostgreSQL driver (QPSQL) is not installed; install the package libqt6sql6-psql.</source>
        <translation>未安装 Qt 的 PostgreSQL 驱动（QPSQL）；请安装软件包 libqt6sql6-psql。</translation>
    </message>
    <message>
        <source>The PostgreSQL connection has no libpq handle.</source>
        <translation>PostgreSQL 连接没有 libpq 句柄。</translation>
    </message>
    <message>
        <source> at line %1</source>
        <translation>（第 %1 行）</translation>
    </message>
</context>
<context>
    <name>PgDsn</name>
    <message>
        <source>No server address was given; write it as %1.</source>
        <translation>未提供服务器地址；格式应为 %1。</translation>
    </message>
    <message>
        <source>The server address is not a valid URL (a bad port, a space or a stray %-escape, perhaps); write it as %1.</source>
        <translation>服务器地址不是有效的 URL（可能是端口有误、含有空格或多余的 % 转义）；格式应为 %1。</translation>
    </message>
    <message>
        <source>The server address must start with postgresql://, not "%1"; write it as %2.</source>
        <translation>服务器地址必须以 postgresql:// 开头，而不是“%1”；格式应为 %2。</translation>
    </message>
    <message>
        <source>The server address names no host; write it as %1.</source>
        <translation>服务器地址中没有主机名；格式应为 %1。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口必须是 1 至 65535 之间的数字。</translation>
    </message>
    <message>
        <source>The server address names no database; write it as %1.</source>
        <translation>服务器地址中没有数据库名；格式应为 %1。</translation>
    </message>
    <message>
        <source>Unknown option "%1" in the server address; known options: %2.</source>
        <translation>服务器地址中有未知选项“%1”；已知选项：%2。</translation>
    </message>
    <message>
        <source>The option "%1" has a value that is not allowed: use letters, digits and "._-/:" only.</source>
        <translation>选项“%1”的值不允许：只能使用字母、数字和“._-/:”。</translation>
    </message>
</context>
<context>
    <name>Preprocessor</name>
    <message>
        <source>the column "%1" the model was trained with is missing</source>
        <translation>缺少模型训练时使用的列“%1”</translation>
    </message>
    <message>
        <source>line %1, column "%2": "%3" is not a number, and the model was trained with numbers in this column</source>
        <translation>第 %1 行，列“%2”：“%3”不是数字，而模型训练时该列为数字</translation>
    </message>
</context>
<context>
    <name>PullApplier</name>
    <message>
        <source>The local database is not open.</source>
        <translation>本地数据库未打开。</translation>
    </message>
    <message>
        <source>Cannot start writing the pulled changes: %1</source>
        <translation>无法开始写入拉取的变更：%1</translation>
    </message>
    <message>
        <source>Cannot read the local changes waiting to sync: %1</source>
        <translation>无法读取待同步的本地变更：%1</translation>
    </message>
    <message>
        <source>Cannot remove rows of %1: %2</source>
        <translation>无法删除 %1 中的行：%2</translation>
    </message>
    <message>
        <source>Cannot store the sync position: %1</source>
        <translation>无法保存同步位置：%1</translation>
    </message>
    <message>
        <source>Cannot save the pulled changes: %1</source>
        <translation>无法保存拉取的变更：%1</translation>
    </message>
    <message>
        <source>Cannot read the columns of %1 in the local database.</source>
        <translation>无法读取本地数据库中 %1 的列。</translation>
    </message>
    <message>
        <source>The server sent a %1 row (id %2) that cannot be stored: %3.</source>
        <translation>服务器发送的 %1 行（id %2）无法保存：%3。</translation>
    </message>
    <message>
        <source>Cannot remove a row of %1: %2</source>
        <translation>无法删除 %1 中的一行：%2</translation>
    </message>
    <message>
        <source>no row version</source>
        <translation>缺少行版本号</translation>
    </message>
    <message>
        <source>no id</source>
        <translation>缺少 id</translation>
    </message>
    <message>
        <source>its id does not match the entry's</source>
        <translation>其 id 与条目不符</translation>
    </message>
    <message>
        <source>the field %1 is missing</source>
        <translation>缺少字段 %1</translation>
    </message>
    <message>
        <source>Cannot write rows of %1: %2</source>
        <translation>无法写入 %1 的行：%2</translation>
    </message>
    <message>
        <source>the field %1 is empty</source>
        <translation>字段 %1 为空</translation>
    </message>
    <message>
        <source>the field %1 holds %2</source>
        <translation>字段 %1 的值为 %2</translation>
    </message>
    <message>
        <source>Cannot start the full re-sync: %1</source>
        <translation>无法开始完整重新同步：%1</translation>
    </message>
    <message>
        <source>Cannot clear %1 for the full re-sync: %2</source>
        <translation>无法为完整重新同步清空 %1：%2</translation>
    </message>
    <message>
        <source>Cannot reset the sync position: %1</source>
        <translation>无法重置同步位置：%1</translation>
    </message>
    <message>
        <source>Cannot save the full re-sync: %1</source>
        <translation>无法保存完整重新同步：%1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>An ID number has 18 characters; this one has %1.</source>
        <translation>身份证号码应为 18 位，此号码为 %1 位。</translation>
    </message>
    <message>
        <source>Character %1 of the ID number must be a digit.</source>
        <translation>身份证号码第 %1 位必须是数字。</translation>
    </message>
    <message>
        <source>The last character of the ID number must be a digit or X.</source>
        <translation>身份证号码最后一位必须是数字或 X。</translation>
    </message>
    <message>
        <source>The ID number's region code %1 is not a region of China.</source>
        <translation>身份证号码的地区代码 %1 不是中国的行政区划。</translation>
    </message>
    <message>
        <source>The ID number's birth date %1 is not a valid date.</source>
        <translation>身份证号码中的出生日期 %1 不是有效日期。</translation>
    </message>
    <message>
        <source>The ID number's check character is wrong: a typing error is likely.</source>
        <translation>身份证号码校验位不正确：很可能输入有误。</translation>
    </message>
    <message>
        <source>The local database has no agents.</source>
        <translation>本地数据库中没有坐席。</translation>
    </message>
    <message>
        <source>No agent with the login "%1" exists in the local database.</source>
        <translation>本地数据库中不存在登录名为“%1”的坐席。</translation>
    </message>
    <message>
        <source>The agent "%1" has an unknown role.</source>
        <translation>坐席“%1”的角色未知。</translation>
    </message>
    <message>
        <source>"%1" is not a valid phone number.</source>
        <translation>“%1”不是有效的电话号码。</translation>
    </message>
    <message>
        <source>No customer holds the number %1.</source>
        <translation>没有客户使用号码 %1。</translation>
    </message>
    <message>
        <source>The customer %1 was not found.</source>
        <translation>未找到客户 %1。</translation>
    </message>
    <message>
        <source>Your role may not log interactions.</source>
        <translation>您的角色无权记录互动。</translation>
    </message>
    <message>
        <source>Channel: "%1" is not a known channel.</source>
        <translation>渠道：“%1”不是已知的渠道。</translation>
    </message>
    <message>
        <source>Kind: "%1" is not a known kind of interaction.</source>
        <translation>类型：“%1”不是已知的互动类型。</translation>
    </message>
    <message>
        <source>Direction: must be inbound or outbound.</source>
        <translation>方向：必须是客户发起或主动联系。</translation>
    </message>
    <message>
        <source>Summary: write what the contact was about.</source>
        <translation>摘要：请填写本次联系的内容。</translation>
    </message>
    <message>
        <source>Summary: %1 characters is too long; at most %2.</source>
        <translation>摘要：%1 个字符太长，最多 %2 个。</translation>
    </message>
    <message>
        <source>Summary: contains characters that are not valid text.</source>
        <translation>摘要：包含无效的文本字符。</translation>
    </message>
    <message>
        <source>Customer: the customer does not exist.</source>
        <translation>客户：该客户不存在。</translation>
    </message>
    <message>
        <source>Line: the line does not belong to this customer.</source>
        <translation>号码：该号码不属于此客户。</translation>
    </message>
    <message>
        <source>The table "%1" cannot be changed on this desktop.</source>
        <translation>本终端不能修改数据表“%1”。</translation>
    </message>
    <message>
        <source>"%1" is not a valid record id.</source>
        <translation>“%1”不是有效的记录编号。</translation>
    </message>
    <message>
        <source>The field "%1" does not exist in %2.</source>
        <translation>%2 中不存在字段“%1”。</translation>
    </message>
    <message>
        <source>The field "%1" is set by the server only.</source>
        <translation>字段“%1”只能由服务器设置。</translation>
    </message>
    <message>
        <source>The field "%1" is too long (%2 characters; at most %3).</source>
        <translation>字段“%1”过长（%2 个字符，最多 %3 个）。</translation>
    </message>
    <message>
        <source>The field "%1" contains invalid characters.</source>
        <translation>字段“%1”包含无效字符。</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>无法开始事务：%1</translation>
    </message>
    <message>
        <source>Cannot save the change: %1</source>
        <translation>无法保存修改：%1</translation>
    </message>
    <message>
        <source>The record %1 in %2 no longer exists.</source>
        <translation>%2 中的记录 %1 已不存在。</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot queue the change for sync: %1</source>
        <translation>无法将修改加入同步队列：%1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file.</source>
        <translation>%1 是文件夹，不是数据库文件。</translation>
    </message>
    <message>
        <source>The file %1 is not a TelcoDesk database: it is not an SQLite file, or its header is damaged.</source>
        <translation>文件 %1 不是 TelcoDesk 数据库：它不是 SQLite 文件，或文件头已损坏。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>The database %1 is damaged and cannot be read (%2).</source>
        <translation>数据库 %1 已损坏，无法读取（%2）。</translation>
    </message>
    <message>
        <source>The file %1 is an SQLite database of another program, not TelcoDesk's.</source>
        <translation>文件 %1 是其他程序的 SQLite 数据库，不是 TelcoDesk 的。</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of TelcoDesk (schema %2; this version knows up to %3). Update TelcoDesk to open it.</source>
        <translation>数据库 %1 由更新版本的 TelcoDesk 写入（结构版本 %2；本版本最高支持 %3）。请升级 TelcoDesk 后再打开。</translation>
    </message>
    <message>
        <source>Cannot initialise %1: %2</source>
        <translation>无法初始化 %1：%2</translation>
    </message>
    <message>
        <source>Cannot move %1 aside to %2.</source>
        <translation>无法将 %1 改名为 %2。</translation>
    </message>
    <message>
        <source>The knowledge base index cannot be set up: no database connection.</source>
        <translation>无法建立知识库索引：没有数据库连接。</translation>
    </message>
    <message>
        <source>This SQLite library has no full-text search (FTS5); the knowledge base needs it.</source>
        <translation>此 SQLite 库不支持全文检索（FTS5），而知识库需要该功能。</translation>
    </message>
    <message>
        <source>Cannot register the knowledge base tokenizer: %1</source>
        <translation>无法注册知识库分词器：%1</translation>
    </message>
    <message>
        <source>Cannot register td_kb_plain: %1</source>
        <translation>无法注册 td_kb_plain：%1</translation>
    </message>
    <message>
        <source>The knowledge base cannot be read: %1</source>
        <translation>无法读取知识库：%1</translation>
    </message>
</context>
<context>
    <name>RecordLabel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Add-on</source>
        <translation>附加包</translation>
    </message>
    <message>
        <source>Interaction</source>
        <translation>互动</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Ticket event</source>
        <translation>工单事件</translation>
    </message>
    <message>
        <source>Knowledge base article</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Retention task</source>
        <translation>挽留任务</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Audit record</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Satisfaction (CSAT)</source>
        <translation>满意度（CSAT）</translation>
    </message>
    <message>
        <source>First response due</source>
        <translation>首次响应时限</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>ID document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户群</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Consent to marketing</source>
        <translation>同意营销</translation>
    </message>
    <message>
        <source>Consent to data use</source>
        <translation>同意数据使用</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新套餐</translation>
    </message>
    <message>
        <source>Previous plan</source>
        <translation>原套餐</translation>
    </message>
    <message>
        <source>User</source>
        <translation>使用人</translation>
    </message>
    <message>
        <source>Contract end</source>
        <translation>合约到期</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>A ticket named in the sync views: %1 its number, %2 its title</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>(not known)</source>
        <extracomment>A value the server did not report (e.g. what a field held before both changes)</extracomment>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Escalation acknowledgement</source>
        <translation>升级确认</translation>
    </message>
    <message>
        <source>Knowledge base article version</source>
        <translation>知识库文章版本</translation>
    </message>
    <message>
        <source>Knowledge base feedback</source>
        <translation>知识库反馈</translation>
    </message>
    <message>
        <source>Article linked to a ticket</source>
        <translation>工单关联文章</translation>
    </message>
    <message>
        <source>Retention scoring settings</source>
        <translation>挽留评分设置</translation>
    </message>
    <message>
        <source>Outcome note</source>
        <translation>结果备注</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>关闭人</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
</context>
<context>
    <name>RejectedChangeService</name>
    <message>
        <source>Cannot read the rejected changes: %1</source>
        <translation>无法读取被拒绝的变更：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>One field of a rejected change: %1 the field's name, %2 its value</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cannot count the rejected changes: %1</source>
        <translation>无法统计被拒绝的变更：%1</translation>
    </message>
    <message>
        <source>Cannot dismiss the rejected change: %1</source>
        <translation>无法将被拒绝的变更移出列表：%1</translation>
    </message>
    <message>
        <source>This rejected change no longer needs dismissing.</source>
        <translation>此被拒绝的变更已不在列表中。</translation>
    </message>
    <message>
        <source>Cannot dismiss the rejected changes: %1</source>
        <translation>无法将被拒绝的变更移出列表：%1</translation>
    </message>
</context>
<context>
    <name>RetentionConfig</name>
    <message>
        <source>missing "code"</source>
        <translation>缺少 "code"</translation>
    </message>
    <message>
        <source>a code is lower-case letters, digits and _ and starts with a letter</source>
        <translation>代码只能由小写字母、数字和 _ 组成，并以字母开头</translation>
    </message>
    <message>
        <source>missing "%1"</source>
        <translation>缺少 "%1"</translation>
    </message>
    <message>
        <source>a name must be text that is not empty</source>
        <translation>名称必须是非空文本</translation>
    </message>
    <message>
        <source>%1: not valid JSON at character %2: %3</source>
        <translation>%1：第 %2 个字符处不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>%1: the document must be a JSON object</source>
        <translation>%1：文档必须是 JSON 对象</translation>
    </message>
    <message>
        <source>unknown key %1</source>
        <translation>未知的键 %1</translation>
    </message>
    <message>
        <source>expected "%1"</source>
        <translation>应为 "%1"</translation>
    </message>
    <message>
        <source>expected a whole number (%1)</source>
        <translation>应为整数（%1）</translation>
    </message>
    <message>
        <source>version %1 is newer than this TelcoDesk understands (%2)</source>
        <translation>版本 %1 比本 TelcoDesk 能理解的版本（%2）更新</translation>
    </message>
    <message>
        <source>missing "bands"</source>
        <translation>缺少 "bands"</translation>
    </message>
    <message>
        <source>must be an object {"high": p, "medium": p}</source>
        <translation>必须是对象 {"high": p, "medium": p}</translation>
    </message>
    <message>
        <source>a band starts at a probability above 0 and at most 1</source>
        <translation>风险等级的起点必须是大于 0 且不超过 1 的概率</translation>
    </message>
    <message>
        <source>high (%1) must be above medium (%2)</source>
        <translation>high（%1）必须高于 medium（%2）</translation>
    </message>
    <message>
        <source>missing "rules"</source>
        <translation>缺少 "rules"</translation>
    </message>
    <message>
        <source>must be a list of rules</source>
        <translation>必须是规则列表</translation>
    </message>
    <message>
        <source>a rule must be an object</source>
        <translation>规则必须是对象</translation>
    </message>
    <message>
        <source>%1 is a feature's name; a rule needs a code of its own</source>
        <translation>%1 是特征名称；规则需要自己的代码</translation>
    </message>
    <message>
        <source>duplicate code %1 (also rules[%2])</source>
        <translation>代码 %1 重复（rules[%2] 也使用了）</translation>
    </message>
    <message>
        <source>missing "kind"</source>
        <translation>缺少 "kind"</translation>
    </message>
    <message>
        <source>unknown kind %1; a rule's kind is risk, reminder or flag</source>
        <translation>未知的类型 %1；规则类型为 risk、reminder 或 flag</translation>
    </message>
    <message>
        <source>missing "when"</source>
        <translation>缺少 "when"</translation>
    </message>
    <message>
        <source>must be an object {"segments": […]}</source>
        <translation>必须是对象 {"segments": […]}</translation>
    </message>
    <message>
        <source>must be a list of segments</source>
        <translation>必须是分群列表</translation>
    </message>
    <message>
        <source>a segment must be an object</source>
        <translation>分群必须是对象</translation>
    </message>
    <message>
        <source>duplicate code %1 (also rfm.segments[%2])</source>
        <translation>代码 %1 重复（rfm.segments[%2] 也使用了）</translation>
    </message>
    <message>
        <source>a bound must be a number</source>
        <translation>边界必须是数字</translation>
    </message>
    <message>
        <source>%1 (%2) is above %3 (%4): no customer can match</source>
        <translation>%1（%2）大于 %3（%4）：没有客户能匹配</translation>
    </message>
    <message>
        <source>must be a list of tags</source>
        <translation>必须是标签列表</translation>
    </message>
    <message>
        <source>a tag must be an object</source>
        <translation>标签必须是对象</translation>
    </message>
    <message>
        <source>duplicate code %1 (also tags[%2])</source>
        <translation>代码 %1 重复（tags[%2] 也使用了）</translation>
    </message>
    <message>
        <source>unknown kind %1; a tag's kind is fact, behaviour or predictive</source>
        <translation>未知的类型 %1；标签类型为 fact、behaviour 或 predictive</translation>
    </message>
    <message>
        <source>must be an object {"queue", "due_days", "min_band"}</source>
        <translation>必须是对象 {"queue", "due_days", "min_band"}</translation>
    </message>
    <message>
        <source>a queue must be text that is not empty</source>
        <translation>队列必须是非空文本</translation>
    </message>
    <message>
        <source>must be a whole number of days from 0 to 365</source>
        <translation>必须是 0 到 365 之间的整数天数</translation>
    </message>
    <message>
        <source>unknown band %1; a band is low, medium or high</source>
        <translation>未知的风险等级 %1；等级为 low、medium 或 high</translation>
    </message>
    <message>
        <source>built-in (%1)</source>
        <translation>内置（%1）</translation>
    </message>
    <message>
        <source>cannot read the retention rules from scoring_config (%1); using the built-in rules</source>
        <translation>无法从 scoring_config 读取挽留规则（%1）；使用内置规则</translation>
    </message>
    <message>
        <source>%1; using the built-in rules</source>
        <translation>%1；使用内置规则</translation>
    </message>
    <message>
        <source>scoring_config row %1, version %2</source>
        <translation>scoring_config 行 %1，版本 %2</translation>
    </message>
    <message>
        <source>the new retention rules</source>
        <translation>新的挽留规则</translation>
    </message>
    <message>
        <source>cannot save the retention rules: %1</source>
        <translation>无法保存挽留规则：%1</translation>
    </message>
</context>
<context>
    <name>RetentionFormat</name>
    <message>
        <source>High</source>
        <comment>churn risk band</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>churn risk band</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>churn risk band</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>&lt;1 %</source>
        <extracomment>A churn probability below one percent</extracomment>
        <translation>&lt;1%</translation>
    </message>
    <message>
        <source>&gt;99 %</source>
        <extracomment>A churn probability above 99 percent (but not certain)</extracomment>
        <translation>&gt;99%</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>A churn probability in whole percent; %1 is the number</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Retention team</source>
        <comment>queue of retention tasks</comment>
        <translation>客户挽留组</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>retention task status</comment>
        <translation>打开</translation>
    </message>
    <message>
        <source>Done</source>
        <comment>retention task status</comment>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>retention task status</comment>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>RetentionService</name>
    <message>
        <source>Accepted the offer</source>
        <translation>接受优惠</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Call back later</source>
        <translation>稍后回电</translation>
    </message>
    <message>
        <source>Left (ported out or closed the account)</source>
        <translation>已离网（携号转出或销户）</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>无需处理</translation>
    </message>
    <message>
        <source>Cannot read the customers' retention tasks: %1</source>
        <translation>无法读取客户的挽留任务：%1</translation>
    </message>
    <message>
        <source>Cannot read the retention task: %1</source>
        <translation>无法读取挽留任务：%1</translation>
    </message>
    <message>
        <source>The retention task no longer exists.</source>
        <translation>该挽留任务已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the retention tasks: %1</source>
        <translation>无法读取挽留任务：%1</translation>
    </message>
    <message>
        <source>Your role may not work retention tasks.</source>
        <translation>您的角色不能处理挽留任务。</translation>
    </message>
    <message>
        <source>This retention task is assigned to %1: only they or a supervisor may work it.</source>
        <extracomment>%1 the name of the agent the task is assigned to</extracomment>
        <translation>该挽留任务已分配给%1：只有其本人或主管可以处理。</translation>
    </message>
    <message>
        <source>This retention task is closed already (%1): it does not change any more.</source>
        <extracomment>%1 the outcome it was closed with, e.g. "Accepted the offer"</extracomment>
        <translation>该挽留任务已关闭（%1），不能再修改。</translation>
    </message>
    <message>
        <source>Outcome: "%1" is not an outcome (one of %2).</source>
        <extracomment>%1 what was given, %2 the list of valid codes</extracomment>
        <translation>结果：“%1”不是有效结果（应为 %2 之一）。</translation>
    </message>
    <message>
        <source>Note: say why the customer declined.</source>
        <translation>备注：请说明客户拒绝的原因。</translation>
    </message>
    <message>
        <source>Note: say why the customer left.</source>
        <translation>备注：请说明客户离网的原因。</translation>
    </message>
    <message>
        <source>Note: at most %1 characters (this one has %2).</source>
        <translation>备注：最多 %1 个字符（当前 %2 个）。</translation>
    </message>
    <message>
        <source>Callback time: a callback needs the time to call back.</source>
        <translation>回电时间：回电需要填写回电时间。</translation>
    </message>
    <message>
        <source>Callback time: choose a time in the future.</source>
        <translation>回电时间：请选择将来的时间。</translation>
    </message>
    <message>
        <source>Only supervisors assign retention tasks; you may take an unassigned one yourself.</source>
        <translation>只有主管可以分配挽留任务；您可以自行领取未分配的任务。</translation>
    </message>
    <message>
        <source>Assignee: the task has no queue to go back to; choose an agent.</source>
        <translation>处理人：该任务没有可退回的队列，请选择一名坐席。</translation>
    </message>
    <message>
        <source>Cannot read the agents: %1</source>
        <translation>无法读取坐席：%1</translation>
    </message>
    <message>
        <source>Assignee: no active agent has the id "%1".</source>
        <translation>处理人：没有 ID 为“%1”的在岗坐席。</translation>
    </message>
    <message>
        <source>Cannot read the offers: %1</source>
        <translation>无法读取优惠：%1</translation>
    </message>
    <message>
        <source>Offer: no offer of the catalog has the id "%1".</source>
        <translation>优惠：目录中没有 ID 为“%1”的优惠。</translation>
    </message>
    <message>
        <source>Risk band: "%1" is not a band (high, medium or low).</source>
        <translation>风险等级：“%1”不是有效等级（高、中或低）。</translation>
    </message>
    <message>
        <source>Only supervisors and administrators see the at-risk list.</source>
        <translation>只有主管和管理员可以查看风险客户列表。</translation>
    </message>
    <message>
        <source>Cannot read the at-risk customers: %1</source>
        <translation>无法读取风险客户：%1</translation>
    </message>
    <message>
        <source>Cannot count the at-risk customers: %1</source>
        <translation>无法统计风险客户：%1</translation>
    </message>
    <message>
        <source>Cannot count the retention tasks: %1</source>
        <translation>无法统计挽留任务：%1</translation>
    </message>
</context>
<context>
    <name>RevealService</name>
    <message>
        <source>Your role (%1) may not show full mobile numbers: that needs the permission "%2".</source>
        <translation>您的角色（%1）无权查看完整手机号码：需要“%2”权限。</translation>
    </message>
    <message>
        <source>Your role (%1) may not show full ID numbers: that needs the permission "%2".</source>
        <translation>您的角色（%1）无权查看完整证件号码：需要“%2”权限。</translation>
    </message>
    <message>
        <source>The customer could not be read: %1</source>
        <translation>无法读取客户信息：%1</translation>
    </message>
    <message>
        <source>No such customer.</source>
        <translation>没有该客户。</translation>
    </message>
    <message>
        <source>This customer has no mobile number on record.</source>
        <translation>该客户没有登记手机号码。</translation>
    </message>
    <message>
        <source>This customer has no ID number on record.</source>
        <translation>该客户没有登记证件号码。</translation>
    </message>
    <message>
        <source>The value was not shown because the reveal could not be recorded in the audit log (%1).</source>
        <translation>由于无法将本次查看记入审计日志，未显示完整信息（%1）。</translation>
    </message>
</context>
<context>
    <name>RulesCli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 rules, %2 RFM segments, %3 tags; high risk from %4, medium from %5</source>
        <translation>%1 条规则、%2 个 RFM 分群、%3 个标签；高风险自 %4 起，中风险自 %5 起</translation>
    </message>
    <message>
        <source>The retention rules document: risk bands, rules, RFM segments, tags and retention task settings. --show (the default) prints the document the cache in DIR uses as JSON on standard output (without --data-dir: the built-in one) and where it came from on standard error. --check FILE checks a document and prints the first error with its place in the file. --set FILE checks it and saves it as the cache's local rules; a rules document from the server replaces it when it is next pulled.</source>
        <translation>挽留规则文档：风险等级、规则、RFM 分群、标签和挽留任务设置。--show（默认）将 DIR 中缓存所用的文档以 JSON 输出到标准输出（未给 --data-dir 时输出内置文档），并在标准错误上说明其来源。--check FILE 检查文档，输出第一个错误及其在文件中的位置。--set FILE 检查后将其保存为缓存的本地规则；下次从服务器拉取到规则文档时将被替换。</translation>
    </message>
    <message>
        <source>Show these options.</source>
        <translation>显示这些选项。</translation>
    </message>
    <message>
        <source>The folder of the local cache (telcodesk.db).</source>
        <translation>本地缓存（telcodesk.db）所在的文件夹。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Print the document in use and where it came from.</source>
        <translation>输出正在使用的文档及其来源。</translation>
    </message>
    <message>
        <source>Check a rules document without saving it.</source>
        <translation>检查规则文档，不保存。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Check a rules document and save it in the cache.</source>
        <translation>检查规则文档并保存到缓存中。</translation>
    </message>
    <message>
        <source>Run "%1 rules --help" for the options.</source>
        <translation>运行“%1 rules --help”查看选项。</translation>
    </message>
    <message>
        <source>unexpected argument "%1".</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>give one of --show, --check FILE and --set FILE.</source>
        <translation>请只给出 --show、--check FILE 和 --set FILE 之一。</translation>
    </message>
    <message>
        <source>%1 is valid: %2.</source>
        <translation>%1 有效：%2。</translation>
    </message>
    <message>
        <source>--set needs --data-dir DIR: the cache to save the rules in.</source>
        <translation>--set 需要 --data-dir DIR：保存规则的缓存。</translation>
    </message>
    <message>
        <source># built-in rules: %1</source>
        <translation># 内置规则：%1</translation>
    </message>
    <message>
        <source>there is no cache at %1.</source>
        <translation>%1 处没有缓存。</translation>
    </message>
    <message>
        <source>Saved %1 as the retention rules of %2 (%3): %4. Customers are scored with them from the next scoring run.</source>
        <translation>已将 %1 保存为 %2 的挽留规则（%3）：%4。下一次评分运行起按此规则为客户评分。</translation>
    </message>
    <message>
        <source># %1: %2</source>
        <translation># %1：%2</translation>
    </message>
</context>
<context>
    <name>ScoreCli</name>
    <message>
        <source>there is no database in %1 (%2 is missing)</source>
        <translation>%1 中没有数据库（缺少 %2）</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>there is no customer %1 in this database.</source>
        <translation>此数据库中没有客户 %1。</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot read demo_truth: %1</source>
        <translation>无法读取 demo_truth：%1</translation>
    </message>
    <message>
        <source>this database has no demo_truth rows (it was not generated): give the labels with --labels CSV (columns customer_id,label)</source>
        <translation>此数据库没有 demo_truth 行（不是生成的数据）：请用 --labels CSV 提供标签（列为 customer_id,label）</translation>
    </message>
    <message>
        <source>warning: %1; the built-in retention rules are used.</source>
        <translation>警告：%1；将使用内置挽留规则。</translation>
    </message>
    <message>
        <source>Scores every customer of the data folder's cache for churn risk: features from the cached data, the model's probability and reasons, the retention rules, RFM segment and tags; writes customer_score, opens retention tasks for the customers who reach the task band, and prints one JSON line of figures. With --customer, prints that customer's score and reasons (in Chinese and English) instead.</source>
        <translation>为数据目录缓存中的每位客户评估流失风险：从缓存数据计算特征，给出模型概率及原因、挽留规则、RFM 细分和标签；写入 customer_score，为达到任务等级的客户创建挽留任务，并输出一行 JSON 指标。使用 --customer 时改为输出该客户的评分和原因（中英文）。</translation>
    </message>
    <message>
        <source>Show these options.</source>
        <translation>显示这些选项。</translation>
    </message>
    <message>
        <source>The data folder holding the cache.</source>
        <translation>存放缓存的数据目录。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Score with this model file instead of the data folder's (or the built-in one).</source>
        <translation>使用此模型文件评分，而不是数据目录中的（或内置的）模型。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Check the --model file and make it the data folder's model (DIR/scoring-model.json), then score with it.</source>
        <translation>检查 --model 文件，将其设为数据目录的模型（DIR/scoring-model.json），然后用它评分。</translation>
    </message>
    <message>
        <source>Print one customer's score and reasons.</source>
        <translation>输出某位客户的评分和原因。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Worker threads (default: one per core).</source>
        <translation>工作线程数（默认：每个核心一个）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>--data-dir DIR is required.</source>
        <translation>必须指定 --data-dir DIR。</translation>
    </message>
    <message>
        <source>--install needs --model FILE.</source>
        <translation>--install 需要 --model FILE。</translation>
    </message>
    <message>
        <source>--threads must be a whole number from 1 to 64, not "%1".</source>
        <translation>--threads 必须是 1 到 64 之间的整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>Installed the model %1 as %2.</source>
        <translation>已将模型 %1 安装为 %2。</translation>
    </message>
    <message>
        <source>warning: %1 customers have no label and are left out.</source>
        <translation>警告：%1 位客户没有标签，已排除。</translation>
    </message>
    <message>
        <source>no customer of the database has a label.</source>
        <translation>数据库中没有任何客户有标签。</translation>
    </message>
    <message>
        <source>cannot clear the generated retention tasks from the outbox: %1</source>
        <translation>无法从待同步队列中清除生成的挽留任务：%1</translation>
    </message>
</context>
<context>
    <name>ScoreStore</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the local database is not open</source>
        <translation>本地数据库未打开</translation>
    </message>
    <message>
        <source>cannot write the scores: %1</source>
        <translation>无法写入评分：%1</translation>
    </message>
    <message>
        <source>cannot write the score of customer %1: %2</source>
        <translation>无法写入客户 %1 的评分：%2</translation>
    </message>
    <message>
        <source>cannot read the score of customer %1: %2</source>
        <translation>无法读取客户 %1 的评分：%2</translation>
    </message>
    <message>
        <source>cannot count the scores: %1</source>
        <translation>无法统计评分：%1</translation>
    </message>
</context>
<context>
    <name>ScoringRun</name>
    <message>
        <source>the scoring run was cancelled</source>
        <translation>评分已取消</translation>
    </message>
    <message>
        <source>the local database is not open</source>
        <translation>本地数据库未打开</translation>
    </message>
    <message>
        <source>cannot list the customers</source>
        <translation>无法列出客户</translation>
    </message>
    <message>
        <source>cannot read the customers to re-score</source>
        <translation>无法读取待重新评分的客户</translation>
    </message>
    <message>
        <source>cannot take customer %1 from the re-score list</source>
        <translation>无法从待重新评分列表中移除客户 %1</translation>
    </message>
</context>
<context>
    <name>ServerAccount</name>
    <message>
        <source>%1 @ %2:%3/%4</source>
        <extracomment>An account in menus and titles: %1 login, %2 host, %3 port, %4 database</extracomment>
        <translation>%1 @ %2:%3/%4</translation>
    </message>
    <message>
        <source>The local copy in %1 belongs to %2 on %3, not to this sign-in.</source>
        <translation>%1 中的本地副本属于 %3 上的 %2，不属于此次登录。</translation>
    </message>
</context>
<context>
    <name>ServerAdmin</name>
    <message>
        <source>Cannot prepare the database for migrations: %1</source>
        <translation>无法为迁移准备数据库：%1</translation>
    </message>
    <message>
        <source>The database was set up by a newer TelcoDesk (schema version %1; this program knows up to %2). Use a newer telcodesk-admin.</source>
        <translation>该数据库由更新版本的 TelcoDesk 建立（结构版本 %1；本程序最高支持 %2）。请使用更新版本的 telcodesk-admin。</translation>
    </message>
    <message>
        <source>Migration %1 has changed since it was applied; the database keeps what ran then.</source>
        <translation>迁移 %1 在应用之后被修改过；数据库保留当时执行的内容。</translation>
    </message>
    <message>
        <source>Migration %1 failed and was rolled back: %2</source>
        <translation>迁移 %1 执行失败，已回滚：%2</translation>
    </message>
    <message>
        <source>"%1" cannot be a login: use lower-case letters, digits and "_" (at most 63), starting with a letter, and not "pg_" or "td_".</source>
        <translation>“%1”不能作为登录名：请使用小写字母、数字和“_”（最多 63 个），以字母开头，且不能以“pg_”或“td_”开头。</translation>
    </message>
    <message>
        <source>The role must be agent, clerk, supervisor or admin, not "%1".</source>
        <translation>角色必须是 agent、clerk、supervisor 或 admin，而不是“%1”。</translation>
    </message>
    <message>
        <source>An agent needs a region (a six-digit GB/T 2260 code such as 440100).</source>
        <translation>坐席必须有所属地区（六位 GB/T 2260 代码，如 440100）。</translation>
    </message>
    <message>
        <source>"%1" is not a region code: use a six-digit GB/T 2260 code such as 440100.</source>
        <translation>“%1”不是地区代码：请使用六位 GB/T 2260 代码，如 440100。</translation>
    </message>
    <message>
        <source>Queue and team names must be 1 to 64 printable characters, not "%1".</source>
        <translation>队列和班组名称必须是 1 至 64 个可打印字符，而不是“%1”。</translation>
    </message>
    <message>
        <source>The display name must be 1 to 200 printable characters.</source>
        <translation>显示名称必须是 1 至 200 个可打印字符。</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The database is not set up (schema version %1 of %2): run "telcodesk-admin server init" first.</source>
        <translation>数据库尚未初始化（结构版本 %1 / %2）：请先运行“telcodesk-admin server init”。</translation>
    </message>
    <message>
        <source>The PostgreSQL connection has no libpq handle.</source>
        <translation>PostgreSQL 连接没有 libpq 句柄。</translation>
    </message>
    <message>
        <source>Cannot encrypt the password: %1</source>
        <translation>无法加密密码：%1</translation>
    </message>
    <message>
        <source>Cannot set up the login "%1": %2</source>
        <translation>无法设置登录名“%1”：%2</translation>
    </message>
    <message>
        <source>The agent "%1" was removed (its record is a tombstone); choose another login.</source>
        <translation>坐席“%1”已被删除（其记录为删除标记）；请换一个登录名。</translation>
    </message>
    <message>
        <source>Cannot write the agent "%1": %2</source>
        <translation>无法写入坐席“%1”：%2</translation>
    </message>
</context>
<context>
    <name>ServerLoader</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a database file: %2</source>
        <translation>%1 不是数据库文件：%2</translation>
    </message>
    <message>
        <source>%1 is not a TelcoDesk database.</source>
        <translation>%1 不是 TelcoDesk 数据库。</translation>
    </message>
    <message>
        <source>The server database is not set up: run "telcodesk-admin server init" first.</source>
        <translation>服务器数据库尚未初始化：请先运行“telcodesk-admin server init”。</translation>
    </message>
    <message>
        <source>The server database already holds customers, plans or regions; load a data set into an empty database only.</source>
        <translation>服务器数据库中已有客户、套餐或地区数据；数据集只能载入空数据库。</translation>
    </message>
    <message>
        <source>The PostgreSQL connection has no libpq handle.</source>
        <translation>PostgreSQL 连接没有 libpq 句柄。</translation>
    </message>
    <message>
        <source>Cannot read %1 from the data set: %2</source>
        <translation>无法从数据集中读取 %1：%2</translation>
    </message>
    <message>
        <source>Loading %1 failed: %2</source>
        <translation>载入 %1 失败：%2</translation>
    </message>
    <message>
        <source>The load was cancelled; the server is unchanged.</source>
        <translation>载入已取消；服务器未做任何改变。</translation>
    </message>
</context>
<context>
    <name>SlaClock</name>
    <message>
        <source>Running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Near breach</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>Met late</source>
        <translation>超时完成</translation>
    </message>
</context>
<context>
    <name>SlaService</name>
    <message>
        <source>Cannot read the SLA calendars and policies: %1</source>
        <translation>无法读取服务时限日历和策略：%1</translation>
    </message>
    <message>
        <source>Cannot read the ticket: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>The ticket does not exist.</source>
        <translation>该工单不存在。</translation>
    </message>
    <message>
        <source>Cannot read the ticket's history: %1</source>
        <translation>无法读取工单的处理记录：%1</translation>
    </message>
    <message>
        <source>No SLA policy covers %1 tickets of priority P%2.</source>
        <translation>没有适用于优先级 P%2 的%1工单的服务时限策略。</translation>
    </message>
    <message>
        <source>Cannot recompute the SLA clocks (%1): %2</source>
        <translation>无法重新计算 SLA 时钟（%1）：%2</translation>
    </message>
</context>
<context>
    <name>SnapshotWriter</name>
    <message>
        <source>The local database is not open.</source>
        <translation>本地数据库未打开。</translation>
    </message>
    <message>
        <source>Cannot start writing the first sync: %1</source>
        <translation>无法开始写入首次同步：%1</translation>
    </message>
    <message>
        <source>The local table %1 cannot be read.</source>
        <translation>无法读取本地表 %1。</translation>
    </message>
    <message>
        <source>The server does not send the key %1 of %2.</source>
        <translation>服务器没有发送 %2 的键 %1。</translation>
    </message>
    <message>
        <source>Cannot write rows of %1: %2</source>
        <translation>无法写入 %1 的行：%2</translation>
    </message>
    <message>
        <source>Internal error: a row arrived outside a table.</source>
        <translation>内部错误：有一行数据不属于任何表。</translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <source>The server sent a %1 row that cannot be stored: %2.</source>
        <translation>服务器发送的 %1 行无法保存：%2。</translation>
    </message>
    <message>
        <source>it has fewer fields than columns</source>
        <translation>字段数少于列数</translation>
    </message>
    <message>
        <source>the field %1 is not a whole number</source>
        <translation>字段 %1 不是整数</translation>
    </message>
    <message>
        <source>the field %1 is not a number</source>
        <translation>字段 %1 不是数字</translation>
    </message>
    <message>
        <source>it has more fields than columns</source>
        <translation>字段数多于列数</translation>
    </message>
    <message>
        <source>Internal error: nothing to finish.</source>
        <translation>内部错误：没有可完成的内容。</translation>
    </message>
    <message>
        <source>Cannot store the sync position: %1</source>
        <translation>无法保存同步位置：%1</translation>
    </message>
    <message>
        <source>Cannot save the first sync: %1</source>
        <translation>无法保存首次同步：%1</translation>
    </message>
</context>
<context>
    <name>SyncCli</name>
    <message>
        <source>Show these options.</source>
        <translation>显示这些选项。</translation>
    </message>
    <message>
        <source>The folder of the local cache (telcodesk.db).</source>
        <translation>本地缓存（telcodesk.db）所在的文件夹。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Run "%1 sync %2 --help" for the options.</source>
        <translation>运行“%1 sync %2 --help”查看选项。</translation>
    </message>
    <message>
        <source>unexpected argument "%1".</source>
        <translation>意外的参数“%1”。</translation>
    </message>
    <message>
        <source>--data-dir DIR is required.</source>
        <translation>必须提供 --data-dir DIR。</translation>
    </message>
    <message>
        <source>Usage: %1 sync &lt;once|status&gt; --data-dir DIR [options]
  once    push the cache's changes to the server and pull what is new, once
  status  show what waits in the cache: changes, refusals, conflicts
Run "%1 sync &lt;command&gt; --help" for the options of a command.</source>
        <translation>用法：%1 sync &lt;once|status&gt; --data-dir DIR [选项]
  once    将缓存中的变更推送到服务器并拉取新内容，执行一次
  status  显示缓存中等待处理的内容：变更、被拒绝的变更、冲突
运行“%1 sync &lt;命令&gt; --help”查看各命令的选项。</translation>
    </message>
    <message>
        <source>unknown sync command "%1": once or status.</source>
        <translation>未知的 sync 命令“%1”：应为 once 或 status。</translation>
    </message>
    <message>
        <source>Runs one complete sync of the cache in DIR with the central server: sends the changes waiting in it, fetches conflicts, pulls what changed. Creates the cache when DIR has none. A cache belongs to one server and login. The password comes from the URL or from the environment variable TELCODESK_PASSWORD or PGPASSWORD, never from an option. Prints one JSON line of figures. Exit codes: 0 done, 1 failed, 2 bad arguments, 3 login refused, 4 server unreachable.</source>
        <translation>将 DIR 中的缓存与中心服务器完整同步一次：发送其中待同步的变更，获取冲突，拉取有变化的内容。DIR 中没有缓存时会创建。一个缓存只属于一个服务器和登录名。密码来自 URL 或环境变量 TELCODESK_PASSWORD 或 PGPASSWORD，绝不来自选项。输出一行 JSON 统计数据。退出码：0 完成，1 失败，2 参数错误，3 登录被拒绝，4 无法连接服务器。</translation>
    </message>
    <message>
        <source>The server: postgresql://LOGIN@HOST[:PORT]/DATABASE.</source>
        <translation>服务器：postgresql://登录名@主机[:端口]/数据库。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The login (instead of the one in the URL).</source>
        <translation>登录名（代替 URL 中的登录名）。</translation>
    </message>
    <message>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>Change-log entries per pulled page (1 to 10000, default %1).</source>
        <translation>每个拉取页面的变更日志条目数（1 到 10000，默认 %1）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Changes per batch sent (1 to 10000, default %1).</source>
        <translation>每批发送的变更数（1 到 10000，默认 %1）。</translation>
    </message>
    <message>
        <source>--server URL is required.</source>
        <translation>必须提供 --server URL。</translation>
    </message>
    <message>
        <source>no login: put it in the URL (postgresql://LOGIN@HOST/DATABASE) or give --user LOGIN.</source>
        <translation>缺少登录名：请写在 URL 中（postgresql://登录名@主机/数据库）或使用 --user LOGIN 提供。</translation>
    </message>
    <message>
        <source>--%1 must be a whole number from 1 to 10000.</source>
        <translation>--%1 必须是 1 到 10000 之间的整数。</translation>
    </message>
    <message>
        <source>cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>this cache belongs to %1 on %2; use another --data-dir.</source>
        <translation>此缓存属于 %2 上的 %1；请使用其他 --data-dir。</translation>
    </message>
    <message>
        <source>another login</source>
        <translation>其他登录名</translation>
    </message>
    <message>
        <source>another server</source>
        <translation>其他服务器</translation>
    </message>
    <message>
        <source>cannot write to the cache: %1</source>
        <translation>无法写入缓存：%1</translation>
    </message>
    <message>
        <source>Prints the sync state of the cache in DIR as one JSON line: changes waiting to be sent, changes the server refused (not dismissed), open conflicts, whether a pull position is stored, and the server and login the cache belongs to. Does not connect to the server.</source>
        <translation>以一行 JSON 输出 DIR 中缓存的同步状态：待发送的变更、服务器拒绝（且未忽略）的变更、未处理的冲突、是否保存了拉取位置，以及缓存所属的服务器和登录名。不连接服务器。</translation>
    </message>
    <message>
        <source>there is no cache at %1.</source>
        <translation>%1 处没有缓存。</translation>
    </message>
    <message>
        <source>cannot read the cache: %1</source>
        <translation>无法读取缓存：%1</translation>
    </message>
</context>
<context>
    <name>TicketFormat</name>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 分钟</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <extracomment>Working time; %1 days, %2 hours</extracomment>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <extracomment>Working time; %1 hours, %2 minutes (two digits)</extracomment>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <extracomment>An SLA clock past its target; %1 is a duration such as "15 min"</extracomment>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <extracomment>Working time left on an SLA clock; %1 is a duration such as "2 h 05 min"</extracomment>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>TicketService</name>
    <message>
        <source>%1: cannot be empty.</source>
        <translation>%1：不能为空。</translation>
    </message>
    <message>
        <source>%1: %2 characters is too long; at most %3.</source>
        <translation>%1：%2 个字符过长，最多 %3 个。</translation>
    </message>
    <message>
        <source>%1: contains characters that are not valid text.</source>
        <translation>%1：包含无效的文本字符。</translation>
    </message>
    <message>
        <source>Your role may not open tickets.</source>
        <translation>您的角色不能创建工单。</translation>
    </message>
    <message>
        <source>Kind: "%1" is not a kind of ticket.</source>
        <translation>类型：“%1”不是工单类型。</translation>
    </message>
    <message>
        <source>Priority: must be P1 to P4.</source>
        <translation>优先级：须为 P1 至 P4。</translation>
    </message>
    <message>
        <source>Channel: "%1" is not a known channel.</source>
        <translation>渠道：“%1”不是已知渠道。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Cannot read the customer: %1</source>
        <translation>无法读取客户：%1</translation>
    </message>
    <message>
        <source>Customer: the customer does not exist.</source>
        <translation>客户：该客户不存在。</translation>
    </message>
    <message>
        <source>Line: the line does not belong to this customer.</source>
        <translation>号码：该号码不属于此客户。</translation>
    </message>
    <message>
        <source>Interaction: the contact does not belong to this customer.</source>
        <translation>接触记录：该接触记录不属于此客户。</translation>
    </message>
    <message>
        <source>Opened.</source>
        <translation>已受理。</translation>
    </message>
    <message>
        <source>Opened from a logged contact.</source>
        <translation>由已登记的接触记录创建。</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cannot read the ticket: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>The ticket does not exist.</source>
        <translation>该工单不存在。</translation>
    </message>
    <message>
        <source>Your role may not work tickets.</source>
        <translation>您的角色不能处理工单。</translation>
    </message>
    <message>
        <source>Your role may not change a ticket's priority.</source>
        <translation>您的角色不能修改工单优先级。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Priority P%1 → P%2: %3</source>
        <extracomment>A ticket's history: %1 and %2 are priorities (1 = highest), %3 the agent's reason</extracomment>
        <translation>优先级 P%1 → P%2：%3</translation>
    </message>
    <message>
        <source>Cannot read the ticket's history: %1</source>
        <translation>无法读取工单历史：%1</translation>
    </message>
</context>
<context>
    <name>Trainer</name>
    <message>
        <source>%1: a split file needs the columns row_index and set</source>
        <translation>%1：划分文件需要 row_index 和 set 两列</translation>
    </message>
    <message>
        <source>%1, line %2: row_index "%3" is not a row of the data file (0 to %4)</source>
        <translation>%1，第 %2 行：row_index“%3”不是数据文件中的行（0 到 %4）</translation>
    </message>
    <message>
        <source>%1, line %2: row %3 is listed twice</source>
        <translation>%1，第 %2 行：第 %3 行被列出了两次</translation>
    </message>
    <message>
        <source>%1, line %2: set "%3" is neither train nor test</source>
        <translation>%1，第 %2 行：set“%3”既不是 train 也不是 test</translation>
    </message>
    <message>
        <source>the model "%1" is not available (lr or gbt are)</source>
        <translation>模型“%1”不可用（可用 lr 或 gbt）</translation>
    </message>
    <message>
        <source>give either a split file or a test file, not both</source>
        <translation>请只给出划分文件或测试文件之一</translation>
    </message>
    <message>
        <source>a fill value is given for "%1", which is not a numeric column of the data</source>
        <translation>为“%1”指定了填充值，但它不是数据中的数值列</translation>
    </message>
    <message>
        <source>there are no training rows</source>
        <translation>没有训练行</translation>
    </message>
    <message>
        <source>there are no test rows</source>
        <translation>没有测试行</translation>
    </message>
    <message>
        <source>%1 features are too many for logistic regression (at most %2): the column "%3" has %4 distinct values. If it identifies the row, give it as the id column.</source>
        <translation>特征数 %1 对逻辑回归来说太多（最多 %2）：列“%3”有 %4 个不同取值。如果它用于标识行，请将其指定为标识列。</translation>
    </message>
    <message>
        <source>the table has no labels to train on</source>
        <translation>该表没有可用于训练的标签</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <source>Cannot read the ticket workflow: %1</source>
        <translation>无法读取工单流程：%1</translation>
    </message>
</context>
<context>
    <name>WorkflowService</name>
    <message>
        <source>an agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>a clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>a supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>an administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>A complaint</source>
        <translation>投诉工单</translation>
    </message>
    <message>
        <source>A fault report</source>
        <translation>故障工单</translation>
    </message>
    <message>
        <source>An inquiry</source>
        <translation>咨询工单</translation>
    </message>
    <message>
        <source>A suggestion</source>
        <translation>建议工单</translation>
    </message>
    <message>
        <source>A ticket of kind '%1'</source>
        <translation>类型为“%1”的工单</translation>
    </message>
    <message>
        <source>Cannot read the ticket: %1</source>
        <translation>无法读取工单：%1</translation>
    </message>
    <message>
        <source>The ticket does not exist.</source>
        <translation>该工单不存在。</translation>
    </message>
    <message>
        <source>%1 that is '%2' cannot change status now.</source>
        <translation>%1当前为“%2”，现在不能变更状态。</translation>
    </message>
    <message>
        <source>%1 that is '%2' can go to: %3.</source>
        <translation>%1当前为“%2”，可以转为：%3。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator of a list of statuses</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 cannot be '%2': its workflow has no such status. Ask a supervisor to correct it.</source>
        <translation>%1不能处于“%2”：其流程中没有这个状态。请联系主管更正。</translation>
    </message>
    <message>
        <source>'%1' needs %2 or above.</source>
        <translation>“%1”需要%2或更高的角色。</translation>
    </message>
    <message numerus="yes">
        <source>'%1' is possible only within %n day(s) of closing.</source>
        <translation>
            <numerusform>“%1”只能在结案后 %n 天内进行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Resolution: write how the ticket was resolved before '%1'.</source>
        <translation>处理结果：在“%1”之前请填写工单的处理方式。</translation>
    </message>
    <message>
        <source>Satisfaction: give the customer's score from 1 to 5 before '%1'.</source>
        <translation>满意度：在“%1”之前请填写客户的评分（1 到 5）。</translation>
    </message>
    <message>
        <source>Reason: say why, before '%1'.</source>
        <translation>原因：在“%1”之前请说明原因。</translation>
    </message>
    <message>
        <source>Satisfaction: the score is from 1 to 5, not %1.</source>
        <translation>满意度：评分应为 1 到 5，而不是 %1。</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1: %2 characters is too long; at most %3.</source>
        <translation>%1：%2 个字符太长，最多 %3 个。</translation>
    </message>
    <message>
        <source>%1: contains characters that are not valid text.</source>
        <translation>%1：包含无效的文本字符。</translation>
    </message>
</context>
<context>
    <name>telcodesk::AddNoteDialog</name>
    <message>
        <source>Add note — %1</source>
        <extracomment>Dialog title; %1 is the customer's name</extracomment>
        <translation>添加备注 —— %1</translation>
    </message>
    <message>
        <source>&amp;Note for the agents who serve this customer next:</source>
        <translation>给之后接待该客户的坐席的备注(&amp;N)：</translation>
    </message>
    <message>
        <source>For example: prefers WeChat; call back after 18:00</source>
        <translation>例如：偏好微信联系；18:00 以后回电</translation>
    </message>
</context>
<context>
    <name>telcodesk::AssignTicketDialog</name>
    <message numerus="yes">
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>分派 %n 张工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n open ticket(s)</source>
        <extracomment>An agent to assign tickets to; %1 name, %n open tickets the agent holds</extracomment>
        <translation>
            <numerusform>%1 — %n 张未结工单</numerusform>
        </translation>
    </message>
    <message>
        <source>No agent serves the queues of these tickets. Assign them one queue at a time, or ask an administrator to give an agent the skill.</source>
        <translation>没有坐席服务这些工单所在的队列。请按队列逐个分派，或请管理员为坐席添加相应技能。</translation>
    </message>
    <message>
        <source>Agents who serve the tickets' queues, fewest open tickets first:</source>
        <translation>服务这些工单队列的坐席（未结工单最少的在前）：</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分派</translation>
    </message>
</context>
<context>
    <name>telcodesk::AtRiskListModel</name>
    <message>
        <source> · </source>
        <comment>between reasons</comment>
        <translation> · </translation>
    </message>
    <message>
        <source>No task</source>
        <translation>无任务</translation>
    </message>
    <message>
        <source>In the queue</source>
        <translation>在队列中</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Main reasons</source>
        <translation>主要原因</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>telcodesk::BillListModel</name>
    <message>
        <source>Month</source>
        <extracomment>Billing month of a bill</extracomment>
        <translation>账期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>缴费截止</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴金额</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>缴费时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>缴费方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>telcodesk::ConflictsDialog</name>
    <message>
        <source>No conflicts are waiting. Everything changed here and on the server has been merged.</source>
        <translation>没有待处理的冲突。本机和服务器上的修改均已合并。</translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <source>These fields were changed on this computer and on the server at the same time. Choose for each field which value to keep. A value you keep is sent to the server as a new change; fields you leave undecided wait for later.</source>
        <translation>以下字段在本机和服务器上同时被修改。请逐个字段选择要保留的值。您保留的本机值会作为新的变更发送到服务器；未作选择的字段留待以后处理。</translation>
    </message>
    <message>
        <source>Apply choices</source>
        <translation>应用选择</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>A box of conflicts of one record: %1 the kind of record, %2 the record</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Was: %1</source>
        <extracomment>What the field held before both changes</extracomment>
        <translation>原值：%1</translation>
    </message>
    <message>
        <source>Keep mine (%1)</source>
        <translation>保留我的（%1）</translation>
    </message>
    <message>
        <source>Take the server's (%1)</source>
        <translation>采用服务器的（%1）</translation>
    </message>
    <message>
        <source>Keep all mine</source>
        <translation>全部保留我的</translation>
    </message>
    <message>
        <source>Take all the server's</source>
        <translation>全部采用服务器的</translation>
    </message>
    <message>
        <source>Some of these conflicts were resolved meanwhile; the list has been read again. Please check your choices and apply again.</source>
        <translation>其中部分冲突已在别处处理，列表已重新读取。请检查您的选择后再次应用。</translation>
    </message>
    <message>
        <source>Your choices could not be recorded: %1</source>
        <translation>无法记录您的选择：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::CountedTextEdit</name>
    <message>
        <source>%1 / %2</source>
        <extracomment>Characters typed and the limit, e.g. "120 / 4,000"</extracomment>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerHeader</name>
    <message>
        <source>Reveal</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Risk: not scored yet</source>
        <translation>流失风险：尚未评分</translation>
    </message>
    <message>
        <source>Churn-risk scoring has not run on this desktop yet, so there is no score to show.</source>
        <translation>本终端尚未运行流失风险评分，因此没有可显示的分值。</translation>
    </message>
    <message>
        <source>Log interaction</source>
        <translation>记录互动</translation>
    </message>
    <message>
        <source>Record this contact with the customer (Ctrl+L)</source>
        <translation>记录与客户的本次联系（Ctrl+L）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Show the full number. Revealing is recorded in the audit log.</source>
        <translation>显示完整号码。查看操作将记入审计日志。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Show the full ID number. Revealing is recorded in the audit log.</source>
        <translation>显示完整证件号码。查看操作将记入审计日志。</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户群</translation>
    </message>
    <message>
        <source>Customer for</source>
        <translation>在网时长</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>none on record</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>%1 years (since %2)</source>
        <extracomment>Tenure of the customer; %1 is a number of years with one decimal, %2 the start date</extracomment>
        <translation>%1 年（自 %2 起）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Member of %1 %2</source>
        <translation>所属%1：%2</translation>
    </message>
    <message>
        <source>Member of %1 %2 as %3</source>
        <translation>所属%1：%2（%3）</translation>
    </message>
    <message>
        <source>⚠ Possible duplicate records: %1</source>
        <translation>⚠ 可能重复的客户档案：%1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>等另外 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Other records share this customer's ID number or phone number. Click one to open it.</source>
        <translation>其他档案与该客户使用相同的证件号码或电话号码。点击可打开。</translation>
    </message>
    <message>
        <source>Risk: %1 · %2</source>
        <extracomment>Churn-risk badge in the customer header; %1 band (High/Medium/Low), %2 probability ("72 %")</extracomment>
        <translation>风险：%1 · %2</translation>
    </message>
    <message>
        <source>Churn probability %1 (%2 risk)</source>
        <extracomment>First line of the risk badge's tooltip; %1 probability ("72 %"), %2 band</extracomment>
        <translation>流失概率 %1（%2风险）</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>• %1</source>
        <translation>• %1</translation>
    </message>
    <message>
        <source>Scored %1</source>
        <extracomment>Last line of the risk badge's tooltip; %1 date and time</extracomment>
        <translation>评分于 %1</translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerPanel</name>
    <message>
        <source>No tickets for this customer.</source>
        <translation>该客户没有工单。</translation>
    </message>
    <message>
        <source>No notes on this customer.</source>
        <translation>该客户没有备注。</translation>
    </message>
    <message>
        <source>Usage and spend</source>
        <translation>用量与消费</translation>
    </message>
    <message>
        <source>Log interaction</source>
        <translation>记录互动</translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation>返回查询</translation>
    </message>
    <message>
        <source>Lines and plans</source>
        <translation>号码与套餐</translation>
    </message>
    <message>
        <source>This customer has no lines.</source>
        <translation>该客户没有号码。</translation>
    </message>
    <message>
        <source>No bills for this customer.</source>
        <translation>该客户没有账单。</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a member</source>
        <translation>双击或按回车键打开成员</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Lines and plans (%1)</source>
        <translation>号码与套餐（%1）</translation>
    </message>
    <message numerus="yes">
        <source>Outstanding: %1 · %n bill(s) overdue</source>
        <translation>
            <numerusform>欠费合计：%1 · %n 张账单已逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Outstanding: %1 · nothing overdue</source>
        <translation>未缴合计：%1 · 无逾期账单</translation>
    </message>
    <message>
        <source>Belongs to %1 &lt;a href="%2"&gt;%3&lt;/a&gt;. Open it to see all its members.</source>
        <translation>属于%1 &lt;a href="%2"&gt;%3&lt;/a&gt;。打开可查看全部成员。</translation>
    </message>
    <message>
        <source>This customer is not part of a household or an enterprise group.</source>
        <translation>该客户不属于任何家庭或政企集团。</translation>
    </message>
    <message>
        <source>Interactions (%1)</source>
        <translation>互动记录（%1）</translation>
    </message>
    <message>
        <source>Tickets (%1 open)</source>
        <translation>工单（%1 个未结）</translation>
    </message>
    <message>
        <source>Tickets (%1)</source>
        <translation>工单（%1）</translation>
    </message>
    <message>
        <source>Bills (%1 overdue)</source>
        <translation>账单（%1 张逾期）</translation>
    </message>
    <message>
        <source>Bills and payments</source>
        <translation>账单与缴费</translation>
    </message>
    <message>
        <source>Members (%1)</source>
        <translation>成员（%1）</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>备注（%1）</translation>
    </message>
    <message>
        <source>No member records under this enterprise group.</source>
        <translation>该政企集团下没有成员档案。</translation>
    </message>
    <message>
        <source>Members of this enterprise group:</source>
        <translation>该政企集团的成员：</translation>
    </message>
    <message>
        <source>No member records under this household.</source>
        <translation>该家庭下没有成员档案。</translation>
    </message>
    <message>
        <source>Members of this household:</source>
        <translation>该家庭的成员：</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <source>Write a note for the agents who serve this customer next (Ctrl+Shift+N)</source>
        <translation>为之后接待该客户的坐席写一条备注（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>New ticket…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Open a ticket for this customer (Ctrl+Shift+T)</source>
        <translation>为此客户新建工单（Ctrl+Shift+T）</translation>
    </message>
    <message>
        <source>Double-click a ticket to work on it.</source>
        <translation>双击工单进行处理。</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a ticket</source>
        <translation>双击或按回车打开工单</translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerSearchModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>匹配项</translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerSearchPage</name>
    <message>
        <source>Find a customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Mobile number, its last 4 digits, name, ID number or account number</source>
        <translation>手机号码、尾号后4位、姓名、证件号码或账户号</translation>
    </message>
    <message>
        <source>Type to search. ↑ ↓ choose a result, Enter opens it, Esc in a customer's panel comes back here.</source>
        <translation>输入即可查询。↑ ↓ 选择结果，回车打开，在客户视图中按 Esc 返回此处。</translation>
    </message>
    <message>
        <source>No customer matches “%1”.</source>
        <extracomment>%1 is what the agent typed (shortened)</extracomment>
        <translation>没有与“%1”匹配的客户。</translation>
    </message>
    <message>
        <source>%1+ results, the best shown first (%2 ms). Type more to narrow them down.</source>
        <extracomment>%1 is the number of results shown, %2 the search time in milliseconds</extracomment>
        <translation>超过 %1 条结果，按匹配度排序（%2 毫秒）。请输入更多内容以缩小范围。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) (%1 ms)</source>
        <translation>
            <numerusform>%n 条结果（%1 毫秒）</numerusform>
        </translation>
    </message>
    <message>
        <source>Type at least %1 digits of the number.</source>
        <translation>请至少输入号码的 %1 位数字。</translation>
    </message>
    <message>
        <source>No number, name or ID is that long (%1 characters at most).</source>
        <translation>号码、姓名或证件号码不会这么长（最多 %1 个字符）。</translation>
    </message>
</context>
<context>
    <name>telcodesk::FirstSyncDialog</name>
    <message>
        <source>First sync</source>
        <translation>首次同步</translation>
    </message>
    <message>
        <source>TelcoDesk is copying the customers, tickets and history you may see from the server to this computer. This happens once; afterwards only changes travel.</source>
        <translation>TelcoDesk 正在将您有权查看的客户、工单和历史记录从服务器复制到本机。此过程只需一次，之后只传输变更。</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The first sync was cancelled.</source>
        <translation>首次同步已取消。</translation>
    </message>
    <message>
        <source>%1 of about %2 records received</source>
        <translation>已接收 %1 条，共约 %2 条记录</translation>
    </message>
    <message>
        <source>%1 records received</source>
        <translation>已接收 %1 条记录</translation>
    </message>
    <message>
        <source> · %1 records/s</source>
        <extracomment>Appended to the records received: the rate of the first sync</extracomment>
        <translation> · 每秒 %1 条</translation>
    </message>
    <message>
        <source>Receiving data from the server…</source>
        <translation>正在从服务器接收数据…</translation>
    </message>
    <message>
        <source>The server refused the login.</source>
        <translation>服务器拒绝了登录。</translation>
    </message>
    <message numerus="yes">
        <source>Cannot reach the server: %1
Trying again in %n s…</source>
        <extracomment>First sync: the server cannot be reached; %1 why, %n seconds until the next attempt</extracomment>
        <translation>
            <numerusform>无法连接服务器：%1
%n 秒后重试…</numerusform>
        </translation>
    </message>
    <message>
        <source>The first sync did not complete.</source>
        <translation>首次同步未完成。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>telcodesk::FormDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>telcodesk::InteractionListModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Kind</source>
        <extracomment>Kind of interaction (inquiry, complaint, ...)</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>telcodesk::KbArticleDialog</name>
    <message>
        <source>Knowledge base article</source>
        <translation>知识库文章</translation>
    </message>
</context>
<context>
    <name>telcodesk::KbArticleEditor</name>
    <message>
        <source>New article</source>
        <translation>新建文章</translation>
    </message>
    <message>
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <source>What the agent is looking for, e.g. "Roaming in Hong Kong: daily packs"</source>
        <translation>坐席要查找的内容，例如“香港漫游：日套餐”</translation>
    </message>
    <message>
        <source>Choose a category…</source>
        <translation>选择分类…</translation>
    </message>
    <message>
        <source>Separated by commas, e.g. 5G, roaming, 套餐</source>
        <translation>用逗号或顿号分隔，例如：5G、漫游、套餐</translation>
    </message>
    <message>
        <source>What this version changes (required when revising a published article)</source>
        <translation>此版本的变更内容（修订已发布文章时必填）</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Ta&amp;gs:</source>
        <translation>标签(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>正文(&amp;B)：</translation>
    </message>
    <message>
        <source>C&amp;hange note:</source>
        <translation>变更说明(&amp;H)：</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Keep it as a draft: only supervisors and admins see it</source>
        <translation>保存为草稿：仅主管和管理员可见</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Save and hand it to a reviewer, who publishes it or sends it back</source>
        <translation>保存并提交给审核人，由审核人发布或退回</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Revise article (version %1)</source>
        <translation>修订文章（版本 %1）</translation>
    </message>
    <message>
        <source>Sent back by the reviewer: %1</source>
        <translation>审核人退回：%1</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>加粗</translation>
    </message>
    <message>
        <source>Bold (%1)</source>
        <translation>加粗（%1）</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <source>Italic (%1)</source>
        <translation>斜体（%1）</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Make the paragraph a heading, or a heading a paragraph again</source>
        <translation>将段落设为标题，或将标题恢复为段落</translation>
    </message>
    <message>
        <source>• List</source>
        <translation>• 列表</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. 列表</translation>
    </message>
    <message>
        <source>Numbered list (steps)</source>
        <translation>编号列表（步骤）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The draft is saved, but it could not be submitted: %1</source>
        <translation>草稿已保存，但未能提交审核：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::KbArticleView</name>
    <message>
        <source>Choose an article on the left to read it here.</source>
        <translation>在左侧选择文章，即可在此阅读。</translation>
    </message>
    <message>
        <source>Helpful</source>
        <translation>有帮助</translation>
    </message>
    <message>
        <source>This article answered the question (one vote per version)</source>
        <translation>这篇文章解答了问题（每个版本限投一票）</translation>
    </message>
    <message>
        <source>Not helpful</source>
        <translation>没帮助</translation>
    </message>
    <message>
        <source>This article did not answer the question (one vote per version)</source>
        <translation>这篇文章没有解答问题（每个版本限投一票）</translation>
    </message>
    <message>
        <source>Link to ticket</source>
        <translation>关联工单</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <source>The published versions and what each one changed</source>
        <translation>各个发布版本及其变更内容</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Publish it: agents see it at once</source>
        <translation>发布文章：坐席立即可见</translation>
    </message>
    <message>
        <source>Send back…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Return it to its author as a draft, with a note saying what to change</source>
        <translation>作为草稿退回给作者，并附上修改意见</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>下线…</translation>
    </message>
    <message>
        <source>Withdraw it: agents no longer find it</source>
        <translation>下线文章：坐席将无法再搜到</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>What should the author change?</source>
        <translation>作者需要修改哪些内容？</translation>
    </message>
    <message>
        <source>Retire article</source>
        <translation>下线文章</translation>
    </message>
    <message>
        <source>Why is it withdrawn? (e.g. the plan is no longer sold)</source>
        <translation>下线原因？（例如：该套餐已停售）</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>unknown agent</source>
        <translation>未知坐席</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Published %1</source>
        <translation>发布于 %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Author: %1 · Reviewer: %2</source>
        <translation>作者：%1 · 审核人：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n view(s)</source>
        <translation>
            <numerusform>%n 次浏览</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found it helpful</source>
        <translation>
            <numerusform>%n 人认为有帮助</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found it not helpful</source>
        <translation>
            <numerusform>%n 人认为没帮助</numerusform>
        </translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source> — a revision of the published article, which agents keep seeing until it is approved</source>
        <translation>——已发布文章的修订版；审核通过前，坐席看到的仍是原已发布版本</translation>
    </message>
    <message>
        <source>Change note: %1</source>
        <translation>变更说明：%1</translation>
    </message>
    <message>
        <source>Reviewer's note: %1</source>
        <translation>审核意见：%1</translation>
    </message>
    <message>
        <source>You found this helpful.</source>
        <translation>您认为这篇文章有帮助。</translation>
    </message>
    <message>
        <source>You found this not helpful.</source>
        <translation>您认为这篇文章没帮助。</translation>
    </message>
    <message>
        <source>Link to ticket %1</source>
        <extracomment>%1 is the ticket number the agent came from</extracomment>
        <translation>关联工单 %1</translation>
    </message>
    <message>
        <source>Record on the ticket that this article answered it</source>
        <translation>在工单上记录这篇文章解答了该问题</translation>
    </message>
    <message>
        <source>Linked to %1 — unlink</source>
        <translation>已关联 %1 — 取消关联</translation>
    </message>
    <message>
        <source>Edit (new version)</source>
        <translation>编辑（新版本）</translation>
    </message>
    <message>
        <source>No article is open.</source>
        <translation>没有打开的文章。</translation>
    </message>
    <message>
        <source>You have already voted on this version of the article.</source>
        <translation>您已对这篇文章的此版本投过票。</translation>
    </message>
    <message>
        <source>Thank you: your vote is counted.</source>
        <translation>感谢反馈：您的投票已记录。</translation>
    </message>
    <message>
        <source>Open the knowledge base from a ticket to link an article to it.</source>
        <translation>请从工单中打开知识库，才能将文章关联到该工单。</translation>
    </message>
    <message>
        <source>Linked to ticket %1.</source>
        <translation>已关联到工单 %1。</translation>
    </message>
    <message>
        <source>No ticket to unlink from.</source>
        <translation>没有可取消关联的工单。</translation>
    </message>
    <message>
        <source>No longer linked to ticket %1.</source>
        <translation>已取消与工单 %1 的关联。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Editing was cancelled.</source>
        <translation>已取消编辑。</translation>
    </message>
    <message>
        <source>Saved and submitted for review.</source>
        <translation>已保存并提交审核。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <source>Submitted for review.</source>
        <translation>已提交审核。</translation>
    </message>
    <message>
        <source>Approved and published.</source>
        <translation>已审核通过并发布。</translation>
    </message>
    <message>
        <source>Sent back to the author as a draft.</source>
        <translation>已作为草稿退回给作者。</translation>
    </message>
    <message>
        <source>Retired: agents no longer find this article.</source>
        <translation>已下线：坐席将无法再搜到这篇文章。</translation>
    </message>
</context>
<context>
    <name>telcodesk::KbHistoryDialog</name>
    <message>
        <source>Article history</source>
        <translation>文章历史</translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3</source>
        <extracomment>A version in the article history; %1 version number, %2 date published, %3 author</extracomment>
        <translation>版本 %1 · %2 · %3</translation>
    </message>
    <message>
        <source>This article has not been published yet: it has no history.</source>
        <translation>这篇文章尚未发布，没有历史版本。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Version %1: %2</source>
        <translation>版本 %1：%2</translation>
    </message>
    <message>
        <source>Published %1 · author %2 · reviewer %3</source>
        <translation>发布于 %1 · 作者 %2 · 审核人 %3</translation>
    </message>
    <message>
        <source>No change note.</source>
        <translation>无变更说明。</translation>
    </message>
    <message>
        <source>Change note: %1</source>
        <translation>变更说明：%1</translation>
    </message>
    <message>
        <source>Title changed from “%1” to “%2”.</source>
        <translation>标题由“%1”改为“%2”。</translation>
    </message>
    <message>
        <source>Moved from %1 to %2.</source>
        <translation>分类由 %1 移至 %2。</translation>
    </message>
    <message>
        <source>Tags added: %1</source>
        <translation>新增标签：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Tags removed: %1</source>
        <translation>移除标签：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n paragraph(s) added</source>
        <translation>
            <numerusform>新增 %n 段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paragraph(s) removed</source>
        <translation>
            <numerusform>删除 %n 段</numerusform>
        </translation>
    </message>
    <message>
        <source>The first published version.</source>
        <translation>首次发布的版本。</translation>
    </message>
</context>
<context>
    <name>telcodesk::KbPage</name>
    <message>
        <source>New article…</source>
        <translation>新建文章…</translation>
    </message>
    <message>
        <source>Write a new article; it stays a draft until a reviewer approves it</source>
        <translation>编写新文章；审核人审核通过前，文章一直是草稿</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Drafts and reviews</source>
        <translation>草稿与审核</translation>
    </message>
    <message>
        <source>Search the knowledge base: 宽带, roaming, a plan code…</source>
        <translation>搜索知识库：宽带、漫游、套餐编码…</translation>
    </message>
    <message>
        <source>Category: a category covers the ones under it</source>
        <translation>分类：选择一个分类时，也包含其下级分类</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Language of the articles</source>
        <translation>文章语言</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <source>Include drafts, reviews and retired articles</source>
        <translation>包含草稿、待审核和已下线的文章</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stop linking articles to this ticket</source>
        <translation>不再为此工单关联文章</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Most useful this week</source>
        <translation>本周最有帮助</translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <source>No article in this category or with this tag yet.</source>
        <translation>此分类或标签下暂无文章。</translation>
    </message>
    <message>
        <source>The knowledge base has no articles yet.</source>
        <translation>知识库中暂无文章。</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>%1+ results</source>
        <extracomment>More results than were counted; %1 is the cap (200)</extracomment>
        <translation>%1+ 条结果</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>No article contains all the words: showing partial matches.</source>
        <translation>没有文章包含全部词语：显示部分匹配的结果。</translation>
    </message>
    <message>
        <source>The query is too long: only its beginning was searched.</source>
        <translation>查询内容过长：只搜索了开头部分。</translation>
    </message>
    <message>
        <source>No article matches “%1”.</source>
        <translation>没有与“%1”匹配的文章。</translation>
    </message>
    <message>
        <source>Try other words, or clear the category, tag and language filters.</source>
        <translation>请换用其他词语，或清除分类、标签和语言筛选条件。</translation>
    </message>
    <message>
        <source>Try other or fewer words, or a shorter term such as 宽带 or roaming.</source>
        <translation>请换用其他词语或减少词语，或使用更短的词，如“宽带”或“漫游”。</translation>
    </message>
    <message numerus="yes">
        <source>%n helpful in 30 days</source>
        <translation>
            <numerusform>近 30 天 %n 人认为有帮助</numerusform>
        </translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Working on ticket %1: open an article to link it to the ticket.</source>
        <extracomment>Banner above the search when the page was opened from a ticket; %1 the ticket number</extracomment>
        <translation>正在处理工单 %1：打开文章即可将其关联到该工单。</translation>
    </message>
    <message>
        <source>The article you were reading is no longer available: %1</source>
        <translation>您正在阅读的文章已不可用：%1</translation>
    </message>
    <message>
        <source>The drafts cannot be read: %1</source>
        <translation>无法读取草稿：%1</translation>
    </message>
    <message>
        <source>%1
%2 · %3 · %4</source>
        <extracomment>A row of the drafts and reviews list: %1 title, %2 status, %3 author, %4 last change</extracomment>
        <translation>%1
%2 · %3 · %4</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>unknown agent</source>
        <translation>未知坐席</translation>
    </message>
    <message>
        <source>No drafts and nothing waiting for review.</source>
        <translation>没有草稿，也没有待审核的文章。</translation>
    </message>
    <message>
        <source>Drafts and reviews (%1)</source>
        <translation>草稿与审核（%1）</translation>
    </message>
    <message>
        <source>Only supervisors and admins write articles.</source>
        <translation>只有主管和管理员可以编写文章。</translation>
    </message>
    <message>
        <source>No article was written.</source>
        <translation>未编写文章。</translation>
    </message>
    <message>
        <source>The article is saved and waits for review.</source>
        <translation>文章已保存，等待审核。</translation>
    </message>
    <message>
        <source>The draft is saved.</source>
        <translation>草稿已保存。</translation>
    </message>
</context>
<context>
    <name>telcodesk::KbSuggestionPanel</name>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>There is no ticket to link the article to.</source>
        <translation>没有可关联文章的工单。</translation>
    </message>
    <message>
        <source>There is no ticket to unlink the article from.</source>
        <translation>没有可取消关联文章的工单。</translation>
    </message>
    <message>
        <source>Linked to this ticket</source>
        <translation>已关联此工单</translation>
    </message>
    <message>
        <source>No article linked yet.</source>
        <translation>尚未关联文章。</translation>
    </message>
    <message>
        <source>(article no longer available)</source>
        <translation>（文章已不可用）</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>推荐文章</translation>
    </message>
    <message>
        <source>Articles for this work appear here.</source>
        <translation>与当前工作相关的文章会显示在这里。</translation>
    </message>
    <message>
        <source>No article matches this text.</source>
        <translation>没有与此内容匹配的文章。</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>已关联</translation>
    </message>
    <message>
        <source>Link to ticket %1</source>
        <translation>关联工单 %1</translation>
    </message>
</context>
<context>
    <name>telcodesk::Labels</name>
    <message>
        <source>Individual</source>
        <comment>customer type</comment>
        <translation>个人客户</translation>
    </message>
    <message>
        <source>Household</source>
        <comment>customer type</comment>
        <translation>家庭客户</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <comment>customer type</comment>
        <translation>政企客户</translation>
    </message>
    <message>
        <source>Standard</source>
        <comment>customer tier</comment>
        <translation>普通</translation>
    </message>
    <message>
        <source>Silver</source>
        <comment>customer tier</comment>
        <translation>银卡</translation>
    </message>
    <message>
        <source>Gold</source>
        <comment>customer tier</comment>
        <translation>金卡</translation>
    </message>
    <message>
        <source>Platinum</source>
        <comment>customer tier</comment>
        <translation>白金卡</translation>
    </message>
    <message>
        <source>Diamond</source>
        <comment>customer tier</comment>
        <translation>钻石卡</translation>
    </message>
    <message>
        <source>Mass market</source>
        <comment>customer segment</comment>
        <translation>大众客户</translation>
    </message>
    <message>
        <source>Youth</source>
        <comment>customer segment</comment>
        <translation>青年客户</translation>
    </message>
    <message>
        <source>Student</source>
        <comment>customer segment</comment>
        <translation>校园客户</translation>
    </message>
    <message>
        <source>Senior</source>
        <comment>customer segment</comment>
        <translation>银发客户</translation>
    </message>
    <message>
        <source>Business</source>
        <comment>customer segment</comment>
        <translation>商务客户</translation>
    </message>
    <message>
        <source>Small business</source>
        <comment>customer segment</comment>
        <translation>中小企业</translation>
    </message>
    <message>
        <source>High value</source>
        <comment>customer segment</comment>
        <translation>高价值客户</translation>
    </message>
    <message>
        <source>Government</source>
        <comment>customer segment</comment>
        <translation>政府机构</translation>
    </message>
    <message>
        <source>Key account</source>
        <comment>customer segment</comment>
        <translation>重要客户</translation>
    </message>
    <message>
        <source>Active</source>
        <comment>customer status</comment>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <comment>customer status</comment>
        <translation>停机</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>customer status</comment>
        <translation>已销户</translation>
    </message>
    <message>
        <source>Mobile</source>
        <comment>service of a line</comment>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Broadband</source>
        <comment>service of a line</comment>
        <translation>宽带</translation>
    </message>
    <message>
        <source>Fixed line</source>
        <comment>service of a line</comment>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>IPTV</source>
        <comment>service of a line</comment>
        <translation>IPTV</translation>
    </message>
    <message>
        <source>IoT</source>
        <comment>service of a line</comment>
        <translation>物联网</translation>
    </message>
    <message>
        <source>Bundle</source>
        <comment>service of a line</comment>
        <translation>融合套餐</translation>
    </message>
    <message>
        <source>Active</source>
        <comment>status of a line</comment>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <comment>status of a line</comment>
        <translation>停机</translation>
    </message>
    <message>
        <source>Ported out</source>
        <comment>status of a line</comment>
        <translation>已携出</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>status of a line</comment>
        <translation>已拆机</translation>
    </message>
    <message>
        <source>Hotline</source>
        <comment>contact channel</comment>
        <translation>热线</translation>
    </message>
    <message>
        <source>App</source>
        <comment>contact channel</comment>
        <translation>手机营业厅</translation>
    </message>
    <message>
        <source>WeChat</source>
        <comment>contact channel</comment>
        <translation>微信</translation>
    </message>
    <message>
        <source>Store</source>
        <comment>contact channel</comment>
        <translation>营业厅</translation>
    </message>
    <message>
        <source>Web</source>
        <comment>contact channel</comment>
        <translation>网上营业厅</translation>
    </message>
    <message>
        <source>SMS</source>
        <comment>contact channel</comment>
        <translation>短信</translation>
    </message>
    <message>
        <source>Inquiry</source>
        <comment>kind of interaction</comment>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Billing question</source>
        <comment>kind of interaction</comment>
        <translation>账单查询</translation>
    </message>
    <message>
        <source>Complaint</source>
        <comment>kind of interaction</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Fault report</source>
        <comment>kind of interaction</comment>
        <translation>故障申告</translation>
    </message>
    <message>
        <source>Plan change</source>
        <comment>kind of interaction</comment>
        <translation>套餐变更</translation>
    </message>
    <message>
        <source>Number porting enquiry</source>
        <comment>kind of interaction</comment>
        <translation>携号转网咨询</translation>
    </message>
    <message>
        <source>Payment</source>
        <comment>kind of interaction</comment>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Retention</source>
        <comment>kind of interaction</comment>
        <translation>挽留</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>kind of interaction</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>kind of interaction</comment>
        <translation>开通</translation>
    </message>
    <message>
        <source>App login</source>
        <comment>kind of interaction</comment>
        <translation>App 登录</translation>
    </message>
    <message>
        <source>Outreach</source>
        <comment>kind of interaction</comment>
        <translation>外呼回访</translation>
    </message>
    <message>
        <source>Marketing</source>
        <comment>kind of interaction</comment>
        <translation>营销推荐</translation>
    </message>
    <message>
        <source>Notification</source>
        <comment>kind of interaction</comment>
        <translation>通知提醒</translation>
    </message>
    <message>
        <source>Feedback</source>
        <comment>kind of interaction</comment>
        <translation>意见反馈</translation>
    </message>
    <message>
        <source>Order</source>
        <comment>kind of interaction</comment>
        <translation>业务办理</translation>
    </message>
    <message>
        <source>Inbound</source>
        <comment>direction of an interaction</comment>
        <translation>客户发起</translation>
    </message>
    <message>
        <source>Outbound</source>
        <comment>direction of an interaction</comment>
        <translation>主动联系</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>bill status</comment>
        <translation>待缴费</translation>
    </message>
    <message>
        <source>Paid</source>
        <comment>bill status</comment>
        <translation>已缴费</translation>
    </message>
    <message>
        <source>Partly paid</source>
        <comment>bill status</comment>
        <translation>部分缴费</translation>
    </message>
    <message>
        <source>Overdue</source>
        <comment>bill status</comment>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <comment>payment method</comment>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <comment>payment method</comment>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <comment>payment method</comment>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Direct debit</source>
        <comment>payment method</comment>
        <translation>银行代扣</translation>
    </message>
    <message>
        <source>Cash</source>
        <comment>payment method</comment>
        <translation>现金</translation>
    </message>
    <message>
        <source>In store</source>
        <comment>payment method</comment>
        <translation>营业厅缴费</translation>
    </message>
    <message>
        <source>Bank card</source>
        <comment>payment method</comment>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>UnionPay</source>
        <comment>payment method</comment>
        <translation>银联</translation>
    </message>
    <message>
        <source>Complaint</source>
        <comment>kind of ticket</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Inquiry</source>
        <comment>kind of ticket</comment>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Fault</source>
        <comment>kind of ticket</comment>
        <translation>故障</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <comment>kind of ticket</comment>
        <translation>建议</translation>
    </message>
    <message>
        <source>New</source>
        <comment>ticket status</comment>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>ticket status</comment>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Assigned</source>
        <comment>ticket status</comment>
        <translation>已派单</translation>
    </message>
    <message>
        <source>In progress</source>
        <comment>ticket status</comment>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>ticket status</comment>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <comment>ticket status</comment>
        <translation>待客户回复</translation>
    </message>
    <message>
        <source>Escalated</source>
        <comment>ticket status</comment>
        <translation>已升级</translation>
    </message>
    <message>
        <source>On hold</source>
        <comment>ticket status</comment>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Resolved</source>
        <comment>ticket status</comment>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>ticket status</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>ticket status</comment>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Reopened</source>
        <comment>ticket status</comment>
        <translation>重新处理</translation>
    </message>
    <message>
        <source>P1 urgent</source>
        <comment>ticket priority</comment>
        <translation>P1 紧急</translation>
    </message>
    <message>
        <source>P2 high</source>
        <comment>ticket priority</comment>
        <translation>P2 高</translation>
    </message>
    <message>
        <source>P3 normal</source>
        <comment>ticket priority</comment>
        <translation>P3 普通</translation>
    </message>
    <message>
        <source>P4 low</source>
        <comment>ticket priority</comment>
        <translation>P4 低</translation>
    </message>
    <message>
        <source>Head of household</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>户主</translation>
    </message>
    <message>
        <source>Spouse</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>配偶</translation>
    </message>
    <message>
        <source>Child</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>子女</translation>
    </message>
    <message>
        <source>Parent</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>父母</translation>
    </message>
    <message>
        <source>Employee</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>员工</translation>
    </message>
    <message>
        <source>Member</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>成员</translation>
    </message>
    <message>
        <source>Manager</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Administrator</source>
        <comment>role of a member in a household or enterprise group</comment>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>what a search result matched</comment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Number</source>
        <comment>what a search result matched</comment>
        <translation>号码</translation>
    </message>
    <message>
        <source>Last digits</source>
        <comment>what a search result matched</comment>
        <translation>尾号</translation>
    </message>
    <message>
        <source>ID number</source>
        <comment>what a search result matched</comment>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Account number</source>
        <comment>what a search result matched</comment>
        <translation>账户号</translation>
    </message>
    <message>
        <source>Agent</source>
        <comment>role of a signed-in agent</comment>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Store clerk</source>
        <comment>role of a signed-in agent</comment>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <comment>role of a signed-in agent</comment>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <comment>role of a signed-in agent</comment>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Household</source>
        <comment>customer segment</comment>
        <translation>家庭客户</translation>
    </message>
    <message>
        <source>Large enterprise</source>
        <comment>customer segment</comment>
        <translation>大型企业</translation>
    </message>
    <message>
        <source>VIP</source>
        <comment>tag on a customer</comment>
        <translation>VIP</translation>
    </message>
    <message>
        <source>5G</source>
        <comment>tag on a customer</comment>
        <translation>5G</translation>
    </message>
    <message>
        <source>Broadband</source>
        <comment>tag on a customer</comment>
        <translation>宽带</translation>
    </message>
    <message>
        <source>IPTV</source>
        <comment>tag on a customer</comment>
        <translation>IPTV</translation>
    </message>
    <message>
        <source>Family</source>
        <comment>tag on a customer</comment>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <comment>tag on a customer</comment>
        <translation>政企</translation>
    </message>
    <message>
        <source>Roams abroad</source>
        <comment>tag on a customer</comment>
        <translation>国际漫游</translation>
    </message>
    <message>
        <source>Heavy data user</source>
        <comment>tag on a customer</comment>
        <translation>流量大户</translation>
    </message>
    <message>
        <source>Senior</source>
        <comment>tag on a customer</comment>
        <translation>老年</translation>
    </message>
    <message>
        <source>Student</source>
        <comment>tag on a customer</comment>
        <translation>学生</translation>
    </message>
    <message>
        <source>Foreign national</source>
        <comment>tag on a customer</comment>
        <translation>外籍</translation>
    </message>
    <message>
        <source>New customer</source>
        <comment>tag on a customer</comment>
        <translation>新入网</translation>
    </message>
    <message>
        <source>Long-standing customer</source>
        <comment>tag on a customer</comment>
        <translation>老客户</translation>
    </message>
    <message>
        <source>Overdue bills</source>
        <comment>tag on a customer</comment>
        <translation>有欠费</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <comment>ticket status</comment>
        <translation>已转派</translation>
    </message>
    <message>
        <source>Handled</source>
        <comment>ticket status</comment>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Callback</source>
        <comment>ticket status</comment>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Network</source>
        <comment>ticket queue</comment>
        <translation>网络</translation>
    </message>
    <message>
        <source>Broadband</source>
        <comment>ticket queue</comment>
        <translation>宽带</translation>
    </message>
    <message>
        <source>Billing</source>
        <comment>ticket queue</comment>
        <translation>计费</translation>
    </message>
    <message>
        <source>Complaints</source>
        <comment>ticket queue</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>General</source>
        <comment>ticket queue</comment>
        <translation>综合</translation>
    </message>
    <message>
        <source>Number porting</source>
        <comment>ticket queue</comment>
        <translation>携号转网</translation>
    </message>
    <message>
        <source>VIP</source>
        <comment>ticket queue</comment>
        <translation>VIP</translation>
    </message>
    <message>
        <source>English service</source>
        <comment>ticket queue</comment>
        <translation>英语服务</translation>
    </message>
</context>
<context>
    <name>telcodesk::LoadedModel</name>
    <message>
        <source>%1: the model reads the column "%2", which is not a customer feature; train it with telcodesk-admin train --data-dir</source>
        <translation>%1：模型读取的列“%2”不是客户特征；请用 telcodesk-admin train --data-dir 训练</translation>
    </message>
    <message>
        <source>%1: the model reads the customer feature "%2" as a category, but customer features are numbers</source>
        <translation>%1：模型把客户特征“%2”当作类别读取，但客户特征都是数值</translation>
    </message>
    <message>
        <source>%1: the trees read %2 features but the preprocessing makes %3</source>
        <translation>%1：决策树读取 %2 个特征，但预处理产生 %3 个</translation>
    </message>
    <message>
        <source>%1: the model has %2 weights but the preprocessing makes %3 features</source>
        <translation>%1：模型有 %2 个权重，但预处理产生 %3 个特征</translation>
    </message>
    <message>
        <source>cannot read the model file %1: %2</source>
        <translation>无法读取模型文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>telcodesk::LogInteractionDialog</name>
    <message>
        <source>Log interaction — %1</source>
        <extracomment>Dialog title; %1 is the customer's name</extracomment>
        <translation>记录互动 —— %1</translation>
    </message>
    <message>
        <source>The whole account</source>
        <translation>整个账户</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>A line in the "about line" combo: service and masked number</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>What did the customer ask or report, and what was done?</source>
        <translation>客户咨询或反映了什么问题？做了哪些处理？</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>渠道(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;About line:</source>
        <translation>涉及号码(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>摘要(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Open a ticket for this</source>
        <translation>同时新建工单(&amp;O)</translation>
    </message>
    <message>
        <source>Writes the interaction and a new ticket together, linked to each other</source>
        <translation>同时保存接触记录和新工单，并相互关联</translation>
    </message>
    <message>
        <source>Empty: the summary's first words</source>
        <translation>留空：取摘要的开头</translation>
    </message>
    <message>
        <source>Ticket k&amp;ind:</source>
        <translation>工单类型(&amp;I)：</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>优先级(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>telcodesk::MainWindow</name>
    <message>
        <source>TelcoDesk</source>
        <translation>TelcoDesk</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Find a customer and see the 360° view (Ctrl+F)</source>
        <translation>查找客户并查看客户360视图（Ctrl+F）</translation>
    </message>
    <message>
        <source>%1 (%2) · %3</source>
        <extracomment>Status bar: signed-in agent; %1 display name, %2 login, %3 role</extracomment>
        <translation>%1（%2）· %3</translation>
    </message>
    <message>
        <source>Interaction saved. It will be sent to the server when sync is available.</source>
        <translation>互动记录已保存。同步功能可用后将上传到服务器。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>后退（Alt+←）</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>前进（Alt+→）</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Find a customer (Ctrl+F)</source>
        <translation>查找客户（Ctrl+F）</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近浏览</translation>
    </message>
    <message>
        <source>Customers viewed recently</source>
        <translation>最近查看过的客户</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Incoming call from %1: %2</source>
        <extracomment>Status bar after a screen-pop; %1 is the caller's number as received</extracomment>
        <translation>来电 %1：%2</translation>
    </message>
    <message>
        <source>No customers viewed yet</source>
        <translation>尚未查看任何客户</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Note saved. It will be sent to the server when sync is available.</source>
        <translation>备注已保存。同步功能可用后将上传到服务器。</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch the server's now (F5)</source>
        <translation>立即发送待同步的变更并获取服务器的变更（F5）</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>登录(&amp;I)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Stop syncing and forget the password remembered on this computer. The local copy stays usable offline.</source>
        <translation>停止同步并清除本机记住的密码。本地副本仍可离线使用。</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Rejected changes…</source>
        <translation>被拒绝的变更(&amp;R)…</translation>
    </message>
    <message>
        <source>The customer you were viewing is no longer in your data: %1</source>
        <translation>您正在查看的客户已不在您的数据中：%1</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>The ticket queue: your tickets, your team's, unassigned and breaching soon</source>
        <translation>工单队列：我的工单、团队工单、未分派和即将超时</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Articles on plans, roaming, bills, faults, porting and real-name rules (Ctrl+K)</source>
        <translation>套餐、漫游、账单、故障、携号转网和实名制规定等文章（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search the knowledge base (Ctrl+K)</source>
        <translation>搜索知识库（Ctrl+K）</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>客户挽留</translation>
    </message>
    <message>
        <source>Customers at risk of leaving and their retention tasks (Ctrl+R)</source>
        <translation>有流失风险的客户及其挽留任务（Ctrl+R）</translation>
    </message>
    <message>
        <source>Your retention tasks for customers at risk of leaving (Ctrl+R)</source>
        <translation>您负责的流失风险客户挽留任务（Ctrl+R）</translation>
    </message>
    <message>
        <source>Customers at risk of leaving and retention tasks (Ctrl+R)</source>
        <translation>有流失风险的客户和挽留任务（Ctrl+R）</translation>
    </message>
    <message>
        <source>Scoring churn risk: %1 of %2 customers…</source>
        <extracomment>Status bar while every customer is scored in the background</extracomment>
        <translation>正在评估流失风险：%1 / %2 位客户…</translation>
    </message>
    <message numerus="yes">
        <source>Churn risk scored for %1 customers, %2 at high risk; %n retention task(s) opened.</source>
        <extracomment>Status bar after scoring everyone; %1 customers, %2 of them at high risk, %n tasks opened</extracomment>
        <translation>
            <numerusform>已为 %1 位客户评估流失风险，其中 %2 位高风险；创建挽留任务 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>The new churn model was not used: %1. Scoring goes on with the model in use.</source>
        <translation>未采用新的流失模型：%1。继续使用当前模型评分。</translation>
    </message>
    <message>
        <source>The churn model %1 was not used: %2. Scoring goes on with the model in use.</source>
        <translation>未采用流失模型 %1：%2。继续使用当前模型评分。</translation>
    </message>
    <message>
        <source>Churn-risk scoring is not running on this desktop.</source>
        <translation>本机未运行流失风险评分。</translation>
    </message>
    <message>
        <source>Scoring every customer again in the background…</source>
        <extracomment>Status bar after "Score again" on the retention page</extracomment>
        <translation>正在后台为每位客户重新评分…</translation>
    </message>
</context>
<context>
    <name>telcodesk::MemberListModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <extracomment>Role of a member within a household or enterprise group</extracomment>
        <translation>成员角色</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>telcodesk::NewTicketDialog</name>
    <message>
        <source>New ticket — %1</source>
        <extracomment>Dialog title; %1 is the customer's name</extracomment>
        <translation>新建工单 — %1</translation>
    </message>
    <message>
        <source>The whole account</source>
        <translation>整个账户</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>A line in the "about line" combo: service and masked number</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>In a few words: what is wrong or wanted</source>
        <translation>简述问题或诉求</translation>
    </message>
    <message>
        <source>What the customer reported, what was checked already</source>
        <translation>客户反映的情况、已核查的内容</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>渠道(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;About line:</source>
        <translation>涉及号码(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>telcodesk::NoteListModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>telcodesk::PgRemote</name>
    <message>
        <source>The login, password or server address holds a NUL character, which PostgreSQL cannot take.</source>
        <translation>登录名、密码或服务器地址中含有 NUL 字符，PostgreSQL 无法接受。</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached: out of memory.</source>
        <translation>无法连接服务器 %1：内存不足。</translation>
    </message>
    <message>
        <source>The server %1 refused the login "%2": the password is wrong or the login is not allowed. Check the login and password. (%3)</source>
        <translation>服务器 %1 拒绝了登录名“%2”：密码错误或该登录名不被允许。请检查登录名和密码。（%3）</translation>
    </message>
    <message>
        <source>The server %1 has no database "%2". Check the database name at the end of the server address.</source>
        <translation>服务器 %1 上没有数据库“%2”。请检查服务器地址末尾的数据库名称。</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached: %2</source>
        <translation>无法连接服务器 %1：%2</translation>
    </message>
    <message>
        <source>Connecting to the server %1 was cancelled.</source>
        <translation>连接服务器 %1 已取消。</translation>
    </message>
    <message numerus="yes">
        <source>The server %1 cannot be reached: no answer within %n second(s).</source>
        <translation>
            <numerusform>无法连接服务器 %1：%n 秒内没有响应。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server %1 is not set up for sync (run telcodesk-admin server init on it).</source>
        <translation>服务器 %1 尚未配置同步（请在其上运行 telcodesk-admin server init）。</translation>
    </message>
    <message>
        <source>The server %1 has an older sync schema (version %2; this TelcoDesk needs %3). Run telcodesk-admin server init on it.</source>
        <translation>服务器 %1 的同步数据库结构较旧（版本 %2；此 TelcoDesk 需要 %3）。请在其上运行 telcodesk-admin server init。</translation>
    </message>
    <message>
        <source>The connection to the server %1 was lost: %2</source>
        <translation>与服务器 %1 的连接已断开：%2</translation>
    </message>
    <message>
        <source>Not connected to the server %1.</source>
        <translation>未连接到服务器 %1。</translation>
    </message>
    <message>
        <source>The request to the server %1 was cancelled.</source>
        <translation>对服务器 %1 的请求已取消。</translation>
    </message>
    <message numerus="yes">
        <source>The server %1 did not answer within %n second(s).</source>
        <translation>
            <numerusform>服务器 %1 在 %n 秒内没有响应。</numerusform>
        </translation>
    </message>
    <message>
        <source>Internal error: %1 was called while a pull was still running.</source>
        <translation>内部错误：在拉取仍在进行时调用了 %1。</translation>
    </message>
    <message>
        <source>The server %1 did not finish %2 in time: %3</source>
        <translation>服务器 %1 未能及时完成 %2：%3</translation>
    </message>
    <message>
        <source>The server %1 is busy and could not finish %2; it will be tried again: %3</source>
        <translation>服务器 %1 繁忙，未能完成 %2，稍后将重试：%3</translation>
    </message>
    <message>
        <source>The server %1 refused the batch of changes as a whole: %2</source>
        <translation>服务器 %1 整体拒绝了这批变更：%2</translation>
    </message>
    <message>
        <source>The server %1 does not recognise this desktop's sync position: %2</source>
        <translation>服务器 %1 无法识别本机的同步位置：%2</translation>
    </message>
    <message>
        <source>The server %1 is not set up for sync (run telcodesk-admin server init on it): %2</source>
        <translation>服务器 %1 尚未配置同步（请在其上运行 telcodesk-admin server init）：%2</translation>
    </message>
    <message>
        <source>The server %1 refused %2: %3</source>
        <translation>服务器 %1 拒绝了 %2：%3</translation>
    </message>
    <message>
        <source>Internal error: a pull was started while another was still running.</source>
        <translation>内部错误：在另一次拉取仍在进行时开始了新的拉取。</translation>
    </message>
    <message>
        <source>Internal error: no pull is running.</source>
        <translation>内部错误：没有正在进行的拉取。</translation>
    </message>
    <message>
        <source>The server's answer to sync.pull is empty.</source>
        <translation>服务器对 sync.pull 的答复为空。</translation>
    </message>
    <message>
        <source>The server's answer to sync.pull is not what this TelcoDesk understands: %1.</source>
        <translation>服务器对 sync.pull 的答复无法被此 TelcoDesk 理解：%1。</translation>
    </message>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation>不是 JSON（%1，位于第 %2 字节）</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>"%1" is missing or not an array</source>
        <translation>“%1”缺失或不是数组</translation>
    </message>
    <message>
        <source>"%1" is missing or not a string</source>
        <translation>“%1”缺失或不是字符串</translation>
    </message>
    <message>
        <source>"%1" is missing or not true/false</source>
        <translation>“%1”缺失或不是 true/false</translation>
    </message>
    <message>
        <source>"%1" is not a string</source>
        <translation>“%1”不是字符串</translation>
    </message>
    <message>
        <source>a resync answer carries rows</source>
        <translation>要求重新同步的答复中带有数据行</translation>
    </message>
    <message>
        <source>more pages are announced without a cursor</source>
        <translation>声明还有更多页面，但没有游标</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 不是对象</translation>
    </message>
    <message>
        <source>%1.%2 is missing or not a string</source>
        <translation>%1.%2 缺失或不是字符串</translation>
    </message>
    <message>
        <source>%1.%2 is missing or not a whole number</source>
        <translation>%1.%2 缺失或不是整数</translation>
    </message>
    <message>
        <source>%1.%2 is missing or neither an object nor null</source>
        <translation>%1.%2 缺失，或既不是对象也不是 null</translation>
    </message>
    <message>
        <source>The server's answer to sync.apply_batch is empty.</source>
        <translation>服务器对 sync.apply_batch 的答复为空。</translation>
    </message>
    <message>
        <source>The server's answer to sync.apply_batch names mutation %1, which was not sent or is named twice.</source>
        <translation>服务器对 sync.apply_batch 的答复提到了变更 %1，但该变更未被发送或被重复提及。</translation>
    </message>
    <message numerus="yes">
        <source>The server's answer to sync.apply_batch leaves %n mutation(s) without a verdict.</source>
        <translation>
            <numerusform>服务器对 sync.apply_batch 的答复中有 %n 项变更没有结论。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server's answer to sync.apply_batch is not what this TelcoDesk understands: %1.</source>
        <translation>服务器对 sync.apply_batch 的答复无法被此 TelcoDesk 理解：%1。</translation>
    </message>
    <message>
        <source>"%1" is missing or not a whole number</source>
        <translation>“%1”缺失或不是整数</translation>
    </message>
    <message>
        <source>%1.%2 is missing or not one of %3</source>
        <translation>%1.%2 缺失或不是 %3 之一</translation>
    </message>
    <message>
        <source>%1.%2 is not a string</source>
        <translation>%1.%2 不是字符串</translation>
    </message>
    <message>
        <source>%1.%2 is not a whole number</source>
        <translation>%1.%2 不是整数</translation>
    </message>
    <message>
        <source>%1 is rejected without a code</source>
        <translation>%1 被拒绝但没有原因代码</translation>
    </message>
    <message numerus="yes">
        <source>The server's list of conflicts has %n column(s), not 8.</source>
        <translation>
            <numerusform>服务器的冲突列表有 %n 列，而不是 8 列。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server's conflict %1 holds a value that is not JSON.</source>
        <translation>服务器的冲突 %1 中有一个值不是 JSON。</translation>
    </message>
    <message>
        <source>The server %1 did not accept LISTEN: %2</source>
        <translation>服务器 %1 未接受 LISTEN：%2</translation>
    </message>
    <message>
        <source>Internal error: a snapshot was asked for while a pull was still running.</source>
        <translation>内部错误：在拉取仍在进行时请求了快照。</translation>
    </message>
    <message>
        <source>Internal error: the column %1 of %2 is not on the server.</source>
        <translation>内部错误：%2 的列 %1 在服务器上不存在。</translation>
    </message>
</context>
<context>
    <name>telcodesk::RecordOutcomeDialog</name>
    <message>
        <source>Record outcome — %1</source>
        <extracomment>Dialog title; %1 is the customer's name</extracomment>
        <translation>记录结果 — %1</translation>
    </message>
    <message>
        <source>Offer to make: %1</source>
        <extracomment>In the record-outcome dialog: the offer the task suggests</extracomment>
        <translation>推荐优惠：%1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <source>Choose what came of the contact</source>
        <translation>选择本次联系的结果</translation>
    </message>
    <message>
        <source>&amp;Call back on:</source>
        <translation>回电时间(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Note (required: why?):</source>
        <translation>备注（必填：原因？）(&amp;N)：</translation>
    </message>
    <message>
        <source>For example: finds the offer too small; a competitor offers 100 GB for 59 yuan</source>
        <translation>例如：觉得优惠力度不够；竞争对手59元给100GB</translation>
    </message>
    <message>
        <source>For example: ported out to another operator on 11-20 for a cheaper family plan</source>
        <translation>例如：11-20 携号转出到其他运营商，因对方家庭套餐更便宜</translation>
    </message>
    <message>
        <source>Choose an outcome.</source>
        <translation>请选择结果。</translation>
    </message>
    <message>
        <source>Say why the customer declined: it is what the next offer is chosen from.</source>
        <translation>请说明客户拒绝的原因：下一次优惠将据此选择。</translation>
    </message>
    <message>
        <source>Say why the customer left or is leaving.</source>
        <translation>请说明客户离网或准备离网的原因。</translation>
    </message>
    <message>
        <source>The callback time has passed: choose a time from now on.</source>
        <translation>回电时间已过：请选择从现在起的时间。</translation>
    </message>
    <message>
        <source>Offer &amp;made:</source>
        <translation>已提供的优惠(&amp;M)：</translation>
    </message>
    <message>
        <source>%1 (suggested)</source>
        <extracomment>An offer in the record-outcome dialog's list: the one the task suggested</extracomment>
        <translation>%1（推荐）</translation>
    </message>
    <message>
        <source>%1 (fits this customer)</source>
        <extracomment>An offer in the record-outcome dialog's list whose rule holds for this customer</extracomment>
        <translation>%1（适合该客户）</translation>
    </message>
    <message>
        <source>Costs the operator %1 in all</source>
        <extracomment>Tooltip of an offer; %1 an amount of money</extracomment>
        <translation>运营商总成本 %1</translation>
    </message>
    <message>
        <source>No offer made</source>
        <translation>未提供优惠</translation>
    </message>
    <message>
        <source>The offers could not be read, so the offer cannot be changed here: %1</source>
        <translation>无法读取优惠，因此此处不能更改优惠：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::RejectedChangesDialog</name>
    <message>
        <source>No rejected changes. Everything you changed has been accepted or is waiting to be sent.</source>
        <translation>没有被拒绝的变更。您所做的修改都已被接受或正在等待发送。</translation>
    </message>
    <message>
        <source>Changes the server rejected</source>
        <translation>服务器拒绝的变更</translation>
    </message>
    <message>
        <source>The server refused these changes for good. They are kept on this computer and did not hold up the changes made after them. Read why, redo what is still needed in the right way, then dismiss them.</source>
        <translation>服务器已最终拒绝以下变更。它们仍保存在本机，并没有阻碍之后的变更。请查看原因，按正确方式重做仍需要的操作，然后将其移出列表。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Server's explanation</source>
        <translation>服务器的说明</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>移出列表</translation>
    </message>
    <message>
        <source>Take the selected changes off this list. They stay recorded on this computer.</source>
        <translation>将选中的变更从此列表中移除。它们仍记录在本机。</translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation>全部移出列表</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Invalid data</source>
        <translation>数据无效</translation>
    </message>
    <message>
        <source>Not permitted for your role or region</source>
        <translation>您的角色或地区无此权限</translation>
    </message>
    <message>
        <source>Conflicts with other data on the server</source>
        <translation>与服务器上的其他数据冲突</translation>
    </message>
    <message>
        <source>Not allowed by the workflow</source>
        <translation>不符合流程规则</translation>
    </message>
    <message>
        <source>The record does not exist on the server</source>
        <translation>服务器上不存在该记录</translation>
    </message>
    <message>
        <source>Read-only data</source>
        <translation>只读数据</translation>
    </message>
    <message>
        <source>Cannot be changed once recorded</source>
        <translation>记录后不可修改</translation>
    </message>
    <message>
        <source>Invalid characters</source>
        <translation>包含无效字符</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>New</source>
        <extracomment>A rejected change that created a record</extracomment>
        <translation>新建</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The record a rejected change was about: %1 the kind of record, %2 the record
----------
What a rejected change did: %1 new / change / deletion, %2 the fields written</extracomment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>telcodesk::RetentionPage</name>
    <message>
        <source>Retention</source>
        <translation>客户挽留</translation>
    </message>
    <message>
        <source>Customers the churn model and the retention rules put at risk, and the retention tasks opened for them.</source>
        <translation>流失模型和挽留规则判定有风险的客户，以及为他们创建的挽留任务。</translation>
    </message>
    <message>
        <source>Retention tasks for customers at risk of leaving: yours and the retention team's queue.</source>
        <translation>有流失风险客户的挽留任务：您自己的以及挽留组队列中的。</translation>
    </message>
    <message>
        <source>At-risk customers</source>
        <translation>风险客户</translation>
    </message>
    <message>
        <source>My retention tasks</source>
        <translation>我的挽留任务</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>High and medium</source>
        <translation>高和中</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>With an open task</source>
        <translation>有未完成任务</translation>
    </message>
    <message>
        <source>Without a task</source>
        <translation>无任务</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Reassign task…</source>
        <translation>改派任务…</translation>
    </message>
    <message>
        <source>Give the selected customer's retention task to another agent</source>
        <translation>将所选客户的挽留任务改派给其他坐席</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the customer</source>
        <translation>双击或按回车键打开客户</translation>
    </message>
    <message>
        <source>Record outcome…</source>
        <translation>记录结果…</translation>
    </message>
    <message>
        <source>Take task</source>
        <translation>领取任务</translation>
    </message>
    <message>
        <source>Take the selected task out of the queue: it becomes yours.</source>
        <translation>从队列中领取所选任务，由您负责。</translation>
    </message>
    <message>
        <source>Not scored yet: churn-risk scoring has not run on this desktop. It runs in the background after start-up; the list fills in when it has.</source>
        <translation>尚未评分：本机还没有运行流失风险评分。评分在启动后于后台运行，完成后列表会自动填充。</translation>
    </message>
    <message>
        <source>No customer at this risk matches these filters.</source>
        <translation>没有符合这些筛选条件的该风险等级客户。</translation>
    </message>
    <message>
        <source>Nothing at risk: no customer is at high risk of leaving right now.</source>
        <translation>暂无风险：目前没有高流失风险的客户。</translation>
    </message>
    <message>
        <source>Nothing at risk: no customer is at this risk of leaving right now.</source>
        <translation>暂无风险：目前没有该风险等级的客户。</translation>
    </message>
    <message>
        <source>At-risk customers (%1)</source>
        <translation>风险客户（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) at risk, %1 shown (scroll for more)</source>
        <translation>
            <numerusform>风险客户 %n 位，已显示 %1 位（滚动查看更多）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) at risk</source>
        <translation>
            <numerusform>风险客户 %n 位</numerusform>
        </translation>
    </message>
    <message>
        <source>Not scored yet: churn-risk scoring has not run on this desktop, so no retention task has been opened.</source>
        <translation>尚未评分：本机还没有运行流失风险评分，因此还没有创建挽留任务。</translation>
    </message>
    <message>
        <source>No open retention tasks for you. A task is opened when a customer turns high-risk; it goes to their account manager or to the retention team's queue.</source>
        <translation>您没有未完成的挽留任务。客户转为高风险时会创建任务，分配给其客户经理或挽留组队列。</translation>
    </message>
    <message numerus="yes">
        <source>%n open task(s), %1 yours</source>
        <extracomment>%n tasks in all, %1 of them assigned to the agent</extracomment>
        <translation>
            <numerusform>未完成任务 %n 个，其中您的 %1 个</numerusform>
        </translation>
    </message>
    <message>
        <source>My retention tasks (%1)</source>
        <translation>我的挽留任务（%1）</translation>
    </message>
    <message>
        <source>Outcome "%1" recorded for %2. It will be sent to the server when sync is available.</source>
        <extracomment>Status bar; %1 the outcome, %2 the customer's name</extracomment>
        <translation>已为%2记录结果“%1”。同步可用时将发送到服务器。</translation>
    </message>
    <message>
        <source>The retention task for %1 is now yours.</source>
        <translation>%1的挽留任务现在由您负责。</translation>
    </message>
    <message>
        <source>Reassign retention task — %1</source>
        <extracomment>Dialog title; %1 is the customer's name</extracomment>
        <translation>改派挽留任务 — %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n open ticket(s)</source>
        <extracomment>An agent to give a retention task to; %1 name, %n open tickets the agent holds</extracomment>
        <translation>
            <numerusform>%1 — %n 张未结工单</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the queue %1</source>
        <translation>退回队列 %1</translation>
    </message>
    <message>
        <source>No agent serves the retention queue. Ask an administrator to give agents the retention skill.</source>
        <translation>没有坐席服务挽留队列。请管理员为坐席配置挽留技能。</translation>
    </message>
    <message>
        <source>Agents of the retention team:</source>
        <translation>挽留组坐席：</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The retention task for %1 is back in the queue %2.</source>
        <extracomment>Status bar; %1 customer, %2 queue</extracomment>
        <translation>%1的挽留任务已退回队列 %2。</translation>
    </message>
    <message>
        <source>The retention task for %1 is now %2's.</source>
        <extracomment>Status bar; %1 customer, %2 agent</extracomment>
        <translation>%1的挽留任务现由%2负责。</translation>
    </message>
    <message>
        <source>Score again</source>
        <translation>重新评分</translation>
    </message>
    <message>
        <source>Score every customer's churn risk again now, in the background (after new rules, or to see the effect of today's data at once)</source>
        <translation>立即在后台重新评估每位客户的流失风险（规则更新后，或想马上看到今天数据的影响时）</translation>
    </message>
    <message>
        <source>Click a column's title to sort the whole list by it: name, number, risk, probability or segment</source>
        <translation>点击列标题可按该列对整个列表排序：姓名、号码、风险、概率或细分</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save every customer these filters match, in this order, as a CSV file for a spreadsheet or a call campaign (numbers masked)</source>
        <translation>将符合这些筛选条件的所有客户按当前顺序保存为 CSV 文件，供电子表格或外呼活动使用（号码已脱敏）</translation>
    </message>
    <message>
        <source>Retention tasks opened since the first of this month (Beijing time) and what came of them. "Worked" counts the tasks closed after a contact: accepted, declined, no answer and left.</source>
        <translation>本月1日（北京时间）以来创建的挽留任务及其结果。“已处理”指联系后关闭的任务：接受、拒绝、未接通和已离网。</translation>
    </message>
    <message>
        <source>at-risk-customers-%1.csv</source>
        <translation>风险客户-%1.csv</translation>
    </message>
    <message>
        <source>Export the at-risk list</source>
        <translation>导出风险客户列表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Retention this month: no task opened yet.</source>
        <translation>本月挽留：尚未创建任务。</translation>
    </message>
    <message numerus="yes">
        <source>Retention this month: %n task(s) opened, %1 still open</source>
        <extracomment>%n tasks opened this month, %1 of them still open</extracomment>
        <translation>
            <numerusform>本月挽留：已创建 %n 个任务，%1 个仍未完成</numerusform></translation>
    </message>
    <message numerus="yes">
        <source> (%n call-back(s) arranged)</source>
        <extracomment>After "… still open": how many of the open tasks have a call-back arranged</extracomment>
        <translation>
            <numerusform>（已安排 %n 次回访）</numerusform></translation>
    </message>
    <message>
        <source> · of %1 worked, %2 accepted (%3), %4 declined, %5 not reached, %6 left</source>
        <extracomment>%1 tasks closed after a contact; of them %2 accepted (%3 the share), %4 declined, %5 not reached, %6 left</extracomment>
        <translation> · 已处理 %1 个，其中接受 %2 个（%3），拒绝 %4 个，未接通 %5 个，已离网 %6 个</translation>
    </message>
    <message>
        <source> · %1 not needed</source>
        <extracomment>%1 tasks closed as not needed (false alarms)</extracomment>
        <translation> · %1 个无需挽留</translation>
    </message>
    <message>
        <source>The at-risk list was not exported: %1</source>
        <translation>风险客户列表未导出：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n customer(s) to %1.</source>
        <extracomment>%n customers written, %1 the file</extracomment>
        <translation>
            <numerusform>已将 %n 位客户导出到 %1。</numerusform></translation>
    </message>
</context>
<context>
    <name>telcodesk::RetentionTaskListModel</name>
    <message>
        <source>Churn model</source>
        <translation>流失模型</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <extracomment>Who has a retention task: nobody yet, it waits in queue %1</extracomment>
        <translation>未分派</translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation>队列：%1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>Task status with the last outcome recorded, e.g. "Open · Call back"</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Next-best offer</source>
        <translation>推荐优惠</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>telcodesk::RiskCard</name>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Retention task</source>
        <translation>挽留任务</translation>
    </message>
    <message>
        <source>Record outcome…</source>
        <translation>记录结果…</translation>
    </message>
    <message>
        <source>Say what came of the contact: accepted, declined, call back…</source>
        <translation>记录本次联系的结果：接受、拒绝、回电…</translation>
    </message>
    <message>
        <source>Take task</source>
        <translation>领取任务</translation>
    </message>
    <message>
        <source>Take this task out of the queue: it becomes yours.</source>
        <translation>从队列中领取此任务，由您负责。</translation>
    </message>
    <message>
        <source>Not scored yet. Scores appear when churn-risk scoring has run on this desktop; it runs in the background after start-up and whenever the customer's data changes.</source>
        <translation>尚未评分。本机运行流失风险评分后会显示评分；评分在启动后以及客户数据变化时于后台运行。</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Scored %1</source>
        <translation>评分于 %1</translation>
    </message>
    <message>
        <source>• %1</source>
        <translation>• %1</translation>
    </message>
    <message>
        <source>RFM segment: none</source>
        <translation>RFM 细分：无</translation>
    </message>
    <message>
        <source>RFM segment: %1</source>
        <translation>RFM 细分：%1</translation>
    </message>
    <message>
        <source> · </source>
        <comment>between tags</comment>
        <translation> · </translation>
    </message>
    <message>
        <source>&lt;b&gt;Facts:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;事实：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Behaviour:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;行为：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predicted:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;预测：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>处理人：%1</translation>
    </message>
    <message>
        <source>Assigned to %1 · due %2</source>
        <translation>处理人：%1 · 截止 %2</translation>
    </message>
    <message>
        <source>Waiting in the queue %1</source>
        <translation>在队列 %1 中等待</translation>
    </message>
    <message>
        <source>Waiting in the queue %1 · due %2</source>
        <translation>在队列 %1 中等待 · 截止 %2</translation>
    </message>
    <message>
        <source>Next-best offer: %1</source>
        <translation>推荐优惠：%1</translation>
    </message>
    <message>
        <source>Last outcome: %1</source>
        <translation>上次结果：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>No open retention task yet: one is opened with the next scoring of this customer.</source>
        <translation>尚无未完成的挽留任务：下次为该客户评分时将创建。</translation>
    </message>
    <message>
        <source>No open retention task.</source>
        <translation>没有未完成的挽留任务。</translation>
    </message>
    <message>
        <source>Last task: %1, %2</source>
        <translation>上次任务：%1，%2</translation>
    </message>
    <message>
        <source>Last task: %1</source>
        <translation>上次任务：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::ScoringService</name>
    <message>
        <source>The built-in churn model cannot be loaded: %1</source>
        <translation>无法加载内置流失模型：%1</translation>
    </message>
    <message>
        <source>The retention rules stored in the data cannot be used, so the built-in rules apply: %1</source>
        <translation>数据中保存的挽留规则无法使用，改用内置规则：%1</translation>
    </message>
    <message>
        <source>The retention offers cannot be read: %1</source>
        <translation>无法读取挽留优惠：%1</translation>
    </message>
    <message>
        <source>Scoring the customers failed: %1</source>
        <translation>客户评分失败：%1</translation>
    </message>
    <message>
        <source>Re-scoring changed customers failed: %1</source>
        <translation>重新评分数据变化的客户失败：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::ServerConnection</name>
    <message>
        <source>TelcoDesk cannot start</source>
        <translation>TelcoDesk 无法启动</translation>
    </message>
    <message>
        <source>The remembered password could not be read: %1</source>
        <translation>无法读取记住的密码：%1</translation>
    </message>
    <message>
        <source>--server: %1</source>
        <translation>--server：%1</translation>
    </message>
    <message>
        <source>Signing in to %1 needs a login: give it with --user or in the address.</source>
        <translation>登录 %1 需要登录名：请通过 --user 或在地址中提供。</translation>
    </message>
    <message>
        <source>Signing in to %1 as %2 needs a password, and none is remembered on this computer. Start TelcoDesk without --screenshot to sign in and choose "Remember me".</source>
        <translation>以 %2 登录 %1 需要密码，但本机没有记住密码。请不带 --screenshot 启动 TelcoDesk 进行登录，并勾选“记住我”。</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <source>To work offline, TelcoDesk opens the copy of the data kept on this computer for a server and a login. Fill in both, or quit.</source>
        <translation>离线工作时，TelcoDesk 会打开本机为某个服务器和登录名保存的数据副本。请填写这两项，或退出。</translation>
    </message>
    <message>
        <source>Back to sign-in</source>
        <translation>返回登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>There is no copy of %1's data from this server on this computer yet. Sign in once to fetch it; after that you can work offline.</source>
        <translation>本机还没有 %1 在此服务器上的数据副本。请先登录一次以获取数据，之后即可离线工作。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Your agent record (%1) is not in the local copy yet, so TelcoDesk cannot tell what you may do. Sign in and let the first sync complete. (%2)</source>
        <translation>本地副本中还没有您的坐席记录（%1），因此 TelcoDesk 无法确定您的权限。请登录并等待首次同步完成。（%2）</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>服务器拒绝了登录：%1</translation>
    </message>
    <message>
        <source>The first sync did not complete</source>
        <translation>首次同步未完成</translation>
    </message>
    <message>
        <source>Part of your data has arrived. You can work offline with it and sign in later to fetch the rest, try again now, or quit.</source>
        <translation>部分数据已到达。您可以用这些数据离线工作，稍后再登录获取其余数据；也可以立即重试，或退出。</translation>
    </message>
    <message>
        <source>Nothing has arrived yet. Try again, or quit.</source>
        <translation>尚未收到任何数据。请重试，或退出。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>The first sync from %1 failed: %2</source>
        <translation>从 %1 首次同步失败：%2</translation>
    </message>
    <message>
        <source>the local copy for %1 is empty: running the first sync.</source>
        <translation>%1 的本地副本为空：正在进行首次同步。</translation>
    </message>
    <message>
        <source>The password could not be remembered: %1</source>
        <translation>无法记住密码：%1</translation>
    </message>
    <message>
        <source>the server refused the sign-in (%1); showing the local copy.</source>
        <translation>服务器拒绝了登录（%1）；显示本地副本。</translation>
    </message>
    <message>
        <source>Signed out, but the remembered password could not be removed: %1</source>
        <translation>已退出登录，但无法删除记住的密码：%1</translation>
    </message>
    <message>
        <source>Signed out. No password is remembered on this computer; the local copy stays available offline.</source>
        <translation>已退出登录。本机不再记住任何密码；本地副本仍可离线使用。</translation>
    </message>
</context>
<context>
    <name>telcodesk::SignInDialog</name>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>在此计算机上记住我(&amp;R)</translation>
    </message>
    <message>
        <source>Sign in to the TelcoDesk server</source>
        <translation>登录 TelcoDesk 服务器</translation>
    </message>
    <message>
        <source>Sign in to sync this desktop with the central server. You can keep working while the network is down: changes wait on this computer until they are sent.</source>
        <translation>登录后，本机将与中心服务器同步。网络中断时您仍可继续工作：变更会保存在本机，直到发送成功。</translation>
    </message>
    <message>
        <source>The address your administrator gave you: postgresql://HOST:PORT/DATABASE</source>
        <translation>管理员提供的地址：postgresql://主机:端口/数据库</translation>
    </message>
    <message>
        <source>e.g. agent01</source>
        <translation>例如 agent01</translation>
    </message>
    <message>
        <source>The password is kept in this computer's keychain, never in a file.</source>
        <translation>密码保存在本机的系统密钥库中，绝不写入文件。</translation>
    </message>
    <message>
        <source>No keychain is available on this computer: the password will be asked for each session and not stored.</source>
        <translation>此计算机上没有可用的系统密钥库：每次会话都会询问密码，且不会保存。</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <source>Open the copy of the data already on this computer without connecting.</source>
        <translation>不连接服务器，直接打开本机已有的数据副本。</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <source>"%1" is not a valid login: a login is made of lower-case letters, digits and "_", and does not start with a digit.</source>
        <translation>“%1”不是有效的登录名：登录名由小写字母、数字和“_”组成，且不能以数字开头。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>telcodesk::SubscriptionListModel</name>
    <message>
        <source>%1: %2 per month</source>
        <translation>%1：每月 %2</translation>
    </message>
    <message>
        <source>No contract</source>
        <translation>无合约</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Monthly fee</source>
        <extracomment>Monthly fee of the plan and its add-ons</extracomment>
        <translation>月费</translation>
    </message>
    <message>
        <source>Add-ons</source>
        <translation>附加业务</translation>
    </message>
    <message>
        <source>Contract end</source>
        <translation>合约到期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>User</source>
        <extracomment>Column: the person who uses a line</extracomment>
        <translation>使用人</translation>
    </message>
</context>
<context>
    <name>telcodesk::SyncEngine</name>
    <message>
        <source>No connection to the server could be made.</source>
        <translation>无法建立与服务器的连接。</translation>
    </message>
    <message>
        <source>The server keeps asking for a full re-sync.</source>
        <translation>服务器反复要求完整重新同步。</translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <source>Sync stopped.</source>
        <translation>同步已停止。</translation>
    </message>
</context>
<context>
    <name>telcodesk::SyncStatusWidget</name>
    <message>
        <source>Local database · %1 customers</source>
        <extracomment>Status bar: where the data comes from. %1 is the number of customers, written with digit grouping.</extracomment>
        <translation>本地数据库 · %1 位客户</translation>
    </message>
    <message>
        <source>Offline — no server configured</source>
        <translation>离线 —— 未配置服务器</translation>
    </message>
    <message>
        <source>TelcoDesk is working on its local database. Start it with --server to name a central server.</source>
        <translation>TelcoDesk 正在使用本地数据库。启动时使用 --server 可指定中心服务器。</translation>
    </message>
    <message>
        <source>Changes saved on this desktop stay in its local database until the server has confirmed them: none is lost while the network is down.</source>
        <translation>在本机保存的变更会保留在本地数据库中，直到服务器确认为止：断网期间不会丢失任何变更。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <extracomment>Status bar: local changes (interactions, notes, ...) the server has not confirmed yet</extracomment>
        <translation>
            <numerusform>%n 项变更待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>No changes waiting to sync</source>
        <translation>没有待同步的变更</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) rejected</source>
        <extracomment>Status bar: local changes the server refused for good</extracomment>
        <translation>
            <numerusform>%n 项变更被服务器拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>Fields changed here and on the server at the same time. Click to choose which value to keep.</source>
        <translation>这些字段在本机和服务器上同时被修改。点击选择要保留的值。</translation>
    </message>
    <message>
        <source>The server refused these changes for good (permission or a business rule). They are kept on this desktop; the changes after them were not held up. Click to see why.</source>
        <translation>服务器已最终拒绝这些变更（权限或业务规则）。它们仍保存在本机，之后的变更没有因此受阻。点击查看原因。</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Sign in to the server to sync this desktop.</source>
        <translation>登录服务器以同步本机。</translation>
    </message>
    <message>
        <source>Offline — signed out</source>
        <translation>离线 —— 已退出登录</translation>
    </message>
    <message>
        <source>Working on the copy of %1 kept on this computer. Changes wait here until you sign in.</source>
        <translation>正在使用本机保存的 %1 数据副本。变更会保存在本机，直到您登录。</translation>
    </message>
    <message numerus="yes">
        <source>Offline — retrying in %n s</source>
        <extracomment>Status bar: the server cannot be reached; the engine tries again in %n seconds</extracomment>
        <translation>
            <numerusform>离线 —— %n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connecting to the server.</source>
        <translation>正在连接服务器。</translation>
    </message>
    <message>
        <source>First sync — %1 records received</source>
        <extracomment>Status bar during the first sync; %1 records received so far, with digit grouping</extracomment>
        <translation>首次同步 —— 已接收 %1 条记录</translation>
    </message>
    <message>
        <source>Copying the data you may see from the server to this computer.</source>
        <translation>正在将您有权查看的数据从服务器复制到本机。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sending changes to the server and receiving its changes.</source>
        <translation>正在向服务器发送变更并接收服务器的变更。</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Connected to the server; changes arrive as they are made.</source>
        <translation>已连接服务器；变更会实时到达。</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>The server refused the login.</source>
        <translation>服务器拒绝了登录。</translation>
    </message>
    <message>
        <source>· never synced</source>
        <translation>· 从未同步</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <extracomment>How long ago the last sync was, in minutes</extracomment>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <source>· last sync %1</source>
        <extracomment>Status bar: when the last complete sync was ("2 min ago", "just now", or a date)</extracomment>
        <translation>· 上次同步：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <extracomment>Status bar: fields changed here and on the server, waiting for the agent's choice</extracomment>
        <translation>
            <numerusform>%n 处冲突待处理</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketEditor</name>
    <message>
        <source>%1 · %2</source>
        <extracomment>An SLA clock that has stopped; %1 its state ("Met"), %2 when it stopped
----------
Editor title; %1 ticket number, %2 its title</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 · due %3</source>
        <extracomment>A running SLA clock; %1 its state, %2 the working time left ("2 h 05 min left"), %3 when it is due</extracomment>
        <translation>%1 · %2 · %3 到期</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>回复客户</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <extracomment>A workflow step in the history; %1 from status, %2 to status</extracomment>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>SLA paused</source>
        <translation>SLA 已暂停</translation>
    </message>
    <message>
        <source>SLA resumed</source>
        <translation>SLA 已恢复</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>分派</translation>
    </message>
    <message>
        <source>← Back to the queue</source>
        <translation>← 返回队列</translation>
    </message>
    <message>
        <source>Write to the customer, or a note for colleagues</source>
        <translation>填写给客户的回复，或给同事的备注</translation>
    </message>
    <message>
        <source>Reply to customer</source>
        <translation>回复客户</translation>
    </message>
    <message>
        <source>The customer sees this reply (Ctrl+Enter)</source>
        <translation>客户可以看到此回复（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Only agents see this note</source>
        <translation>仅坐席可见此备注</translation>
    </message>
    <message>
        <source>Canned reply:</source>
        <translation>快捷回复：</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Set the priority chosen on the left, with a reason kept as a note</source>
        <translation>设为左侧选择的优先级，原因记为备注</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>分派…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <source>Open full 360° view</source>
        <translation>打开完整 360° 视图</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>（无描述）</translation>
    </message>
    <message>
        <source>About line %1</source>
        <extracomment>The line a ticket is about; %1 masked number</extracomment>
        <translation>涉及号码 %1</translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation>%1 起成为客户</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>%n 张未结工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue bill(s)</source>
        <translation>
            <numerusform>%n 张逾期账单</numerusform>
        </translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>A line of a ticket's history; %1 time, %2 who, %3 what happened</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Moves the ticket to "%1"</source>
        <extracomment>Tooltip of a workflow step button; %1 the status it leads to</extracomment>
        <translation>将工单转为“%1”</translation>
    </message>
    <message>
        <source>Dispatch engineer…</source>
        <translation>派现场工程师…</translation>
    </message>
    <message>
        <source>Send the nearest available field engineer with the skill for this line</source>
        <translation>派遣具备该业务技能、距离最近的可用现场工程师</translation>
    </message>
    <message>
        <source>Choose to insert…</source>
        <translation>选择后插入…</translation>
    </message>
    <message>
        <source>No SLA applies to this kind and priority.</source>
        <translation>此类型和优先级没有适用的 SLA。</translation>
    </message>
    <message>
        <source>Reply sent. The customer receives it with the next sync.</source>
        <translation>回复已保存，下次同步时发送给客户。</translation>
    </message>
    <message>
        <source>Internal note saved.</source>
        <translation>内部备注已保存。</translation>
    </message>
    <message>
        <source>The ticket is now "%1".</source>
        <extracomment>After a workflow step; %1 the new status</extracomment>
        <translation>工单现在为“%1”。</translation>
    </message>
    <message>
        <source>Priority changed to %1.</source>
        <translation>优先级已改为 %1。</translation>
    </message>
    <message>
        <source>Choose another priority first.</source>
        <translation>请先选择其他优先级。</translation>
    </message>
    <message>
        <source>Change priority</source>
        <translation>修改优先级</translation>
    </message>
    <message>
        <source>Why does %1 need priority %2?</source>
        <translation>为什么 %1 需要优先级 %2？</translation>
    </message>
    <message>
        <source>The ticket is yours now.</source>
        <translation>工单已由您领取。</translation>
    </message>
    <message>
        <source>The ticket was assigned.</source>
        <translation>工单已分派。</translation>
    </message>
    <message>
        <source>A field engineer is on the way; the ticket says who.</source>
        <translation>现场工程师已出发，工单中记录了派遣人员。</translation>
    </message>
    <message>
        <source>Dispatch engineer</source>
        <translation>派现场工程师</translation>
    </message>
    <message>
        <source>Send %1 (%2), %3 km away, to %4?</source>
        <extracomment>%1 engineer's name, %2 phone, %3 distance in km, %4 ticket number</extracomment>
        <translation>派 %1（%2，距离 %3 公里）处理 %4？</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Acknowledge escalation…</source>
        <translation>确认升级…</translation>
    </message>
    <message>
        <source>Escalated by the rule "%1": %2</source>
        <extracomment>Tooltip; %1 the escalation rule that fired, %2 what it said</extracomment>
        <translation>按规则“%1”升级：%2</translation>
    </message>
    <message>
        <source>Acknowledge escalation</source>
        <translation>确认升级</translation>
    </message>
    <message>
        <source>What will be done about "%1"? (optional)</source>
        <extracomment>%1 the escalation rule that fired</extracomment>
        <translation>针对“%1”将如何处理？（可选）</translation>
    </message>
    <message>
        <source>Escalation acknowledged.</source>
        <translation>升级已确认。</translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketHousekeeper</name>
    <message>
        <source>The SLA clocks could not be computed: %1</source>
        <translation>无法计算 SLA 时钟：%1</translation>
    </message>
    <message>
        <source>The escalation rules could not be applied: %1</source>
        <translation>无法执行升级规则：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketListModel</name>
    <message>
        <source>Past its resolution due time</source>
        <translation>已超过处理时限</translation>
    </message>
    <message>
        <source>Ticket</source>
        <extracomment>Ticket number</extracomment>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Kind</source>
        <extracomment>Kind of ticket (complaint, fault, ...)</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Due</source>
        <extracomment>Resolution due time of a ticket</extracomment>
        <translation>处理时限</translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketQueueModel</name>
    <message>
        <source>Cannot read the ticket queue: %1</source>
        <translation>无法读取工单队列：%1</translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <extracomment>SLA time left: days and hours</extracomment>
        <translation>%1天%2时</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <extracomment>SLA time left: hours and minutes</extracomment>
        <translation>%1时%2分</translation>
    </message>
    <message>
        <source>%1m</source>
        <extracomment>SLA time left: minutes</extracomment>
        <translation>%1分</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Met late</source>
        <translation>超时完成</translation>
    </message>
    <message>
        <source>Paused (%1)</source>
        <extracomment>SLA clock paused; %1 is the working time left</extracomment>
        <translation>已暂停（%1）</translation>
    </message>
    <message>
        <source>Ticket</source>
        <extracomment>Ticket number</extracomment>
        <translation>工单</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Kind</source>
        <extracomment>Kind of ticket (complaint, fault, ...)</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>SLA</source>
        <extracomment>Time left before the SLA is breached</extracomment>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketQueuePage</name>
    <message>
        <source>My tickets</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <source>My team</source>
        <translation>我的团队</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>Breaching soon</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Tickets assigned to you</source>
        <translation>分派给您的工单</translation>
    </message>
    <message>
        <source>Tickets in the queues your team serves</source>
        <translation>您团队所服务队列中的工单</translation>
    </message>
    <message>
        <source>Tickets nobody has taken yet, in the queues you serve</source>
        <translation>您所服务队列中尚无人领取的工单</translation>
    </message>
    <message>
        <source>Open tickets whose SLA runs out within two working hours, or has run out</source>
        <translation>SLA 将在两个工作小时内到期或已超时的未结工单</translation>
    </message>
    <message>
        <source>Every ticket you may see</source>
        <translation>您可以查看的全部工单</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Search: ticket number, title, customer name or number</source>
        <translation>搜索：工单号、标题、客户姓名或号码</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <source>Include closed</source>
        <translation>包含已关闭</translation>
    </message>
    <message>
        <source>Show resolved and closed tickets too</source>
        <translation>同时显示已解决和已关闭的工单</translation>
    </message>
    <message>
        <source>P3 normal</source>
        <translation>P3 普通</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Work the selected ticket (Enter or double-click)</source>
        <translation>处理所选工单（回车或双击）</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>Assign the selected ticket to yourself</source>
        <translation>将所选工单分派给自己</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>分派…</translation>
    </message>
    <message>
        <source>Give the selected tickets to an agent</source>
        <translation>将所选工单分派给坐席</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>轮流分派</translation>
    </message>
    <message>
        <source>Each ticket to the next agent of its queue in turn</source>
        <translation>每张工单依次分给其队列的下一位坐席</translation>
    </message>
    <message>
        <source>Least loaded</source>
        <translation>最少负荷</translation>
    </message>
    <message>
        <source>Each ticket to the agent of its queue with the fewest open tickets</source>
        <translation>每张工单分给其队列中未结工单最少的坐席</translation>
    </message>
    <message>
        <source>Auto-assign</source>
        <translation>自动分派</translation>
    </message>
    <message>
        <source>Give the selected unassigned tickets out automatically</source>
        <translation>自动分派所选的未分派工单</translation>
    </message>
    <message>
        <source>The SLA clocks could not be computed: %1</source>
        <translation>无法计算 SLA 时钟：%1</translation>
    </message>
    <message>
        <source>The queue cannot be read: %1</source>
        <translation>无法读取队列：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A scope tab of the ticket queue; %1 its name, %2 how many tickets it holds</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No tickets match.</source>
        <translation>没有匹配的工单。</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n 张工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) assigned to you.</source>
        <translation>
            <numerusform>已将 %n 张工单分派给您。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) assigned.</source>
        <translation>
            <numerusform>已分派 %n 张工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) assigned automatically.</source>
        <translation>
            <numerusform>已自动分派 %n 张工单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Escalations (%1)</source>
        <extracomment>The supervisor's escalation bell; %1 escalations not yet seen</extracomment>
        <translation>升级（%1）</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Tickets escalated to you that you have not looked at yet</source>
        <translation>升级给您但尚未查看的工单</translation>
    </message>
    <message>
        <source>No escalations waiting</source>
        <translation>没有待处理的升级</translation>
    </message>
    <message>
        <source>%1 %2 — %3</source>
        <extracomment>A pending escalation in the menu; %1 ticket number, %2 title, %3 the rule that fired</extracomment>
        <translation>%1 %2 — %3</translation>
    </message>
    <message>
        <source>Mark all as seen</source>
        <translation>全部标为已读</translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketsSection</name>
    <message>
        <source>The ticket you were working on is no longer in your data: %1</source>
        <translation>您正在处理的工单已不在您的数据中：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::TimelineSection</name>
    <message>
        <source>No interactions recorded for this customer.</source>
        <translation>该客户没有互动记录。</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>Filter by text…</source>
        <translation>按文字筛选…</translation>
    </message>
    <message numerus="yes">
        <source>%n interaction(s)</source>
        <translation>
            <numerusform>共 %n 条互动</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <extracomment>%1 shown after filtering, %2 in all</extracomment>
        <translation>显示 %1 / %2 条</translation>
    </message>
    <message>
        <source>No interaction matches the filter.</source>
        <translation>没有符合筛选条件的互动记录。</translation>
    </message>
</context>
<context>
    <name>telcodesk::TransitionDialog</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>Dialog title; %1 the workflow step ("Close after the callback"), %2 the ticket number</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>What was done, as the customer will be told</source>
        <translation>处理结果（将告知客户）</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>处理结果(&amp;R)：</translation>
    </message>
    <message>
        <source>Ask the customer and choose…</source>
        <translation>询问客户后选择…</translation>
    </message>
    <message>
        <source>5 — very satisfied</source>
        <translation>5 — 非常满意</translation>
    </message>
    <message>
        <source>4 — satisfied</source>
        <translation>4 — 满意</translation>
    </message>
    <message>
        <source>3 — neutral</source>
        <translation>3 — 一般</translation>
    </message>
    <message>
        <source>2 — dissatisfied</source>
        <translation>2 — 不满意</translation>
    </message>
    <message>
        <source>1 — very dissatisfied</source>
        <translation>1 — 非常不满意</translation>
    </message>
    <message>
        <source>Customer &amp;satisfaction:</source>
        <translation>客户满意度(&amp;S)：</translation>
    </message>
    <message>
        <source>Why this step is taken</source>
        <translation>执行此步骤的原因</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Optional: an internal note kept with this step</source>
        <translation>可选：随此步骤保存的内部备注</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>telcodesk::UsageChartView</name>
    <message>
        <source>No usage recorded in the last 12 months</source>
        <translation>近 12 个月没有用量记录</translation>
    </message>
    <message>
        <source>Spend (¥)</source>
        <translation>消费（元）</translation>
    </message>
    <message>
        <source>Data (GB)</source>
        <translation>流量（GB）</translation>
    </message>
    <message numerus="yes">
        <source>Spent %1 over %n month(s)</source>
        <extracomment>Chart title; %1 is the total spend over the %n months shown</extracomment>
        <translation>
            <numerusform>近 %n 个月消费合计 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Months %1 – %2</source>
        <extracomment>Chart axis title: the range of months shown, e.g. "2025-12 – 2026-11"</extracomment>
        <translation>月份：%1 至 %2</translation>
    </message>
</context>
<context>
    <name>telcodesk::UsageTableModel</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Data (GB)</source>
        <translation>流量（GB）</translation>
    </message>
    <message>
        <source>Voice (min)</source>
        <translation>通话（分钟）</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>App logins</source>
        <translation>App 登录次数</translation>
    </message>
</context>
</TS>