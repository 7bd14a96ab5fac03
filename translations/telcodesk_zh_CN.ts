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
        <source>Run &quot;%1 &lt;command&gt; --help&quot; for the options of a command.</source>
        <translation>运行“%1 &lt;命令&gt; --help”查看该命令的选项。</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;; a command comes first. Run &quot;%2 --help&quot; for the list of commands.</source>
        <translation>未知选项“%1”；请先写命令。运行“%2 --help”查看命令列表。</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;. Run &quot;%2 --help&quot; for the list of commands.</source>
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
        <source>The data set&apos;s &quot;today&quot; (default: the current UTC date).</source>
        <translation>数据集的“今天”（默认：当前 UTC 日期）。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Run &quot;%1 generate --help&quot; for the options.</source>
        <translation>运行“%1 generate --help”查看选项。</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
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
        <source>--customers must be a whole number from 1 to %1, not &quot;%2&quot;.</source>
        <translation>--customers 必须是 1 至 %1 之间的整数，而不是“%2”。</translation>
    </message>
    <message>
        <source>warning: %1 customers is outside the supported range of 1,000 to 1,000,000.</source>
        <translation>警告：%1 位客户超出了支持的范围（1,000 至 1,000,000）。</translation>
    </message>
    <message>
        <source>--seed must be a non-negative whole number, not &quot;%1&quot;.</source>
        <translation>--seed 必须是非负整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--as-of must be a date written YYYY-MM-DD, not &quot;%1&quot;.</source>
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
        <source>Generated %1 customers in %2 s: %3 (%4 MB).</source>
        <translation>已在 %2 秒内生成 %1 位客户：%3（%4 MB）。</translation>
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
        <source>Run &quot;%1 server %2 --help&quot; for the options.</source>
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
        <source>Usage: %1 server &lt;init|add-agent|load&gt; --dsn URL [options]
  init       create or update the central schema (safe to run again)
  add-agent  create or update an agent&apos;s login, role and scope
  load       copy a generated data set into an empty server
Run &quot;%1 server &lt;command&gt; --help&quot; for the options of a command.</source>
        <translation>用法：%1 server &lt;init|add-agent|load&gt; --dsn URL [选项]
  init       创建或更新中心数据库结构（可重复运行）
  add-agent  创建或更新坐席的登录名、角色和数据范围
  load       将生成的数据集复制到空的服务器数据库
运行“%1 server &lt;命令&gt; --help”查看该命令的选项。</translation>
    </message>
    <message>
        <source>unknown server command &quot;%1&quot;: init, add-agent or load.</source>
        <translation>未知的 server 命令“%1”：应为 init、add-agent 或 load。</translation>
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
        <source>The login (lower-case letters, digits, &quot;_&quot;).</source>
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
        <source>A GB/T 2260 region code; a city (NNNN00) or province (NN0000) code covers its districts. Repeat for more; the first is the agent&apos;s own.</source>
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
        <source>The agent&apos;s team; repeat for the further teams a supervisor leads.</source>
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
        <source>Run &quot;%1 server add-agent --help&quot; for the options.</source>
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
        <source>Copies the data set in DIR/telcodesk.db (see &quot;%1 generate&quot;) into an empty central database with COPY, in one transaction. Prints progress on standard error and one JSON line of figures on standard output.</source>
        <translation>将 DIR/telcodesk.db 中的数据集（见“%1 generate”）用 COPY 在一个事务内复制到空的中心数据库。进度输出到标准错误，统计数据以一行 JSON 输出到标准输出。</translation>
    </message>
    <message>
        <source>The data folder that holds telcodesk.db.</source>
        <translation>存放 telcodesk.db 的数据文件夹。</translation>
    </message>
    <message>
        <source>Run &quot;%1 server load --help&quot; for the options.</source>
        <translation>运行“%1 server load --help”查看选项。</translation>
    </message>
    <message>
        <source>there is no data set at %1; create one with &quot;%2 generate&quot;.</source>
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
        <source>Login of the local agent to sign in as (default: the demo data set&apos;s default agent).</source>
        <translation>以哪位本地坐席的登录名登录（默认：演示数据中的默认坐席）。</translation>
    </message>
    <message>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>Central server to sync with. Accepted, but this version works on the local database only.</source>
        <translation>要同步的中心服务器。可以指定，但本版本只使用本地数据库。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>What to show first: customer:MSISDN, search or search:QUERY.</source>
        <translation>启动后首先显示的内容：customer:手机号、search 或 search:查询内容。</translation>
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
        <source>--lang must be zh_CN or en, not &quot;%1&quot;.</source>
        <translation>--lang 只能是 zh_CN 或 en，而不是“%1”。</translation>
    </message>
    <message>
        <source>--demo-customers must be a positive number.</source>
        <translation>--demo-customers 必须是正整数。</translation>
    </message>
    <message>
        <source>--view must be customer:MSISDN, search or search:QUERY (other views come with later versions), not &quot;%1&quot;.</source>
        <translation>--view 只能是 customer:手机号、search 或 search:查询内容（其他视图将在后续版本提供），而不是“%1”。</translation>
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
        <extracomment>Progress dialog text; %1 number of customers, %2 the generator&apos;s current stage</extracomment>
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
        <source>The data set&apos;s date must lie between the years 2000 and 2100.</source>
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
    <name>OutboxStatus</name>
    <message>
        <source>Cannot count the changes waiting to sync: %1</source>
        <translation>无法统计待同步的变更：%1</translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <source>The server at %1 refused the login &quot;%2&quot;: the password is wrong or the login is not allowed. Check the login and password. (%3)</source>
        <translation>%1 的服务器拒绝了登录名“%2”：密码错误或该登录名不允许登录。请检查登录名和密码。（%3）</translation>
    </message>
    <message>
        <source>The server at %1 has no database &quot;%2&quot;. Check the database name at the end of the address.</source>
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
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed; install the package libqt6sql6-psql.</source>
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
        <source>The server address must start with postgresql://, not &quot;%1&quot;; write it as %2.</source>
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
        <source>Unknown option &quot;%1&quot; in the server address; known options: %2.</source>
        <translation>服务器地址中有未知选项“%1”；已知选项：%2。</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; has a value that is not allowed: use letters, digits and &quot;._-/:&quot; only.</source>
        <translation>选项“%1”的值不允许：只能使用字母、数字和“._-/:”。</translation>
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
        <source>The ID number&apos;s region code %1 is not a region of China.</source>
        <translation>身份证号码的地区代码 %1 不是中国的行政区划。</translation>
    </message>
    <message>
        <source>The ID number&apos;s birth date %1 is not a valid date.</source>
        <translation>身份证号码中的出生日期 %1 不是有效日期。</translation>
    </message>
    <message>
        <source>The ID number&apos;s check character is wrong: a typing error is likely.</source>
        <translation>身份证号码校验位不正确：很可能输入有误。</translation>
    </message>
    <message>
        <source>The local database has no agents.</source>
        <translation>本地数据库中没有坐席。</translation>
    </message>
    <message>
        <source>No agent with the login &quot;%1&quot; exists in the local database.</source>
        <translation>本地数据库中不存在登录名为“%1”的坐席。</translation>
    </message>
    <message>
        <source>The agent &quot;%1&quot; has an unknown role.</source>
        <translation>坐席“%1”的角色未知。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid phone number.</source>
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
        <source>Channel: &quot;%1&quot; is not a known channel.</source>
        <translation>渠道：“%1”不是已知的渠道。</translation>
    </message>
    <message>
        <source>Kind: &quot;%1&quot; is not a known kind of interaction.</source>
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
        <source>The table &quot;%1&quot; cannot be changed on this desktop.</source>
        <translation>本终端不能修改数据表“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid record id.</source>
        <translation>“%1”不是有效的记录编号。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; does not exist in %2.</source>
        <translation>%2 中不存在字段“%1”。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is set by the server only.</source>
        <translation>字段“%1”只能由服务器设置。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long (%2 characters; at most %3).</source>
        <translation>字段“%1”过长（%2 个字符，最多 %3 个）。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; contains invalid characters.</source>
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
        <source>The file %1 is an SQLite database of another program, not TelcoDesk&apos;s.</source>
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
</context>
<context>
    <name>RevealService</name>
    <message>
        <source>Your role (%1) may not show full mobile numbers: that needs the permission &quot;%2&quot;.</source>
        <translation>您的角色（%1）无权查看完整手机号码：需要“%2”权限。</translation>
    </message>
    <message>
        <source>Your role (%1) may not show full ID numbers: that needs the permission &quot;%2&quot;.</source>
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
        <source>&quot;%1&quot; cannot be a login: use lower-case letters, digits and &quot;_&quot; (at most 63), starting with a letter, and not &quot;pg_&quot; or &quot;td_&quot;.</source>
        <translation>“%1”不能作为登录名：请使用小写字母、数字和“_”（最多 63 个），以字母开头，且不能以“pg_”或“td_”开头。</translation>
    </message>
    <message>
        <source>The role must be agent, clerk, supervisor or admin, not &quot;%1&quot;.</source>
        <translation>角色必须是 agent、clerk、supervisor 或 admin，而不是“%1”。</translation>
    </message>
    <message>
        <source>An agent needs a region (a six-digit GB/T 2260 code such as 440100).</source>
        <translation>坐席必须有所属地区（六位 GB/T 2260 代码，如 440100）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region code: use a six-digit GB/T 2260 code such as 440100.</source>
        <translation>“%1”不是地区代码：请使用六位 GB/T 2260 代码，如 440100。</translation>
    </message>
    <message>
        <source>Queue and team names must be 1 to 64 printable characters, not &quot;%1&quot;.</source>
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
        <source>The database is not set up (schema version %1 of %2): run &quot;telcodesk-admin server init&quot; first.</source>
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
        <source>Cannot set up the login &quot;%1&quot;: %2</source>
        <translation>无法设置登录名“%1”：%2</translation>
    </message>
    <message>
        <source>The agent &quot;%1&quot; was removed (its record is a tombstone); choose another login.</source>
        <translation>坐席“%1”已被删除（其记录为删除标记）；请换一个登录名。</translation>
    </message>
    <message>
        <source>Cannot write the agent &quot;%1&quot;: %2</source>
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
        <source>The server database is not set up: run &quot;telcodesk-admin server init&quot; first.</source>
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
    <message>
        <source>Loading agent failed: %1</source>
        <translation>载入坐席失败：%1</translation>
    </message>
</context>
<context>
    <name>telcodesk::AddNoteDialog</name>
    <message>
        <source>Add note — %1</source>
        <extracomment>Dialog title; %1 is the customer&apos;s name</extracomment>
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
    <name>telcodesk::CountedTextEdit</name>
    <message>
        <source>%1 / %2</source>
        <extracomment>Characters typed and the limit, e.g. &quot;120 / 4,000&quot;</extracomment>
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
        <source>Other records share this customer&apos;s ID number or phone number. Click one to open it.</source>
        <translation>其他档案与该客户使用相同的证件号码或电话号码。点击可打开。</translation>
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
        <source>Belongs to %1 &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;. Open it to see all its members.</source>
        <translation>属于%1 &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;。打开可查看全部成员。</translation>
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
        <source>Type to search. ↑ ↓ choose a result, Enter opens it, Esc in a customer&apos;s panel comes back here.</source>
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
</context>
<context>
    <name>telcodesk::LogInteractionDialog</name>
    <message>
        <source>Log interaction — %1</source>
        <extracomment>Dialog title; %1 is the customer&apos;s name</extracomment>
        <translation>记录互动 —— %1</translation>
    </message>
    <message>
        <source>The whole account</source>
        <translation>整个账户</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>A line in the &quot;about line&quot; combo: service and masked number</extracomment>
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
        <extracomment>Status bar after a screen-pop; %1 is the caller&apos;s number as received</extracomment>
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
        <source>Server sync is not available in this version — working on the local database</source>
        <translation>本版本暂不支持服务器同步 —— 正在使用本地数据库</translation>
    </message>
    <message>
        <source>Server given: %1</source>
        <translation>指定的服务器：%1</translation>
    </message>
    <message>
        <source>Changes saved on this desktop stay in its local database until the server has confirmed them: none is lost while the network is down.</source>
        <translation>在本机保存的变更会保留在本地数据库中，直到服务器确认为止：断网期间不会丢失任何变更。</translation>
    </message>
    <message>
        <source>The server refused these changes for good (permission or a business rule). They are kept on this desktop; the changes after them were not held up.</source>
        <translation>服务器已最终拒绝这些变更（权限不足或违反业务规则）。它们仍保留在本机；其后的变更未受影响。</translation>
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
        <extracomment>Chart axis title: the range of months shown, e.g. &quot;2025-12 – 2026-11&quot;</extracomment>
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
