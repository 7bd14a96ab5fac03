<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EscalationEvaluator</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxPusher</name>
    <message numerus="yes">
        <source>The server answered %n of the changes sent without a verdict for the others.</source>
        <translation>
            <numerusform>The server answered %n of the changes sent without a verdict for the others.</numerusform>
            <numerusform>The server answered %n of the changes sent without a verdict for the others.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerAdmin</name>
    <message numerus="yes">
        <source>The password must have at least %n characters.</source>
        <translation>
            <numerusform>The password must have at least %n character.</numerusform>
            <numerusform>The password must have at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowService</name>
    <message numerus="yes">
        <source>'%1' is possible only within %n day(s) of closing.</source>
        <translation>
            <numerusform>'%1' is possible only within %n day of closing.</numerusform>
            <numerusform>'%1' is possible only within %n days of closing.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::AssignTicketDialog</name>
    <message numerus="yes">
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>Assign %n ticket</numerusform>
            <numerusform>Assign %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n open ticket(s)</source>
        <extracomment>An agent to assign tickets to; %1 name, %n open tickets the agent holds</extracomment>
        <translation>
            <numerusform>%1 — %n open ticket</numerusform>
            <numerusform>%1 — %n open tickets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerHeader</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerPanel</name>
    <message numerus="yes">
        <source>Outstanding: %1 · %n bill(s) overdue</source>
        <translation>
            <numerusform>Outstanding: %1 · %n bill overdue</numerusform>
            <numerusform>Outstanding: %1 · %n bills overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::CustomerSearchPage</name>
    <message numerus="yes">
        <source>%n result(s) (%1 ms)</source>
        <translation>
            <numerusform>%n result (%1 ms)</numerusform>
            <numerusform>%n results (%1 ms)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::FirstSyncDialog</name>
    <message numerus="yes">
        <source>Cannot reach the server: %1
Trying again in %n s…</source>
        <extracomment>First sync: the server cannot be reached; %1 why, %n seconds until the next attempt</extracomment>
        <translation>
            <numerusform>Cannot reach the server: %1
Trying again in %n s…</numerusform>
            <numerusform>Cannot reach the server: %1
Trying again in %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::KbArticleView</name>
    <message numerus="yes">
        <source>%n view(s)</source>
        <translation>
            <numerusform>%n view</numerusform>
            <numerusform>%n views</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found it helpful</source>
        <translation>
            <numerusform>%n found it helpful</numerusform>
            <numerusform>%n found it helpful</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found it not helpful</source>
        <translation>
            <numerusform>%n found it not helpful</numerusform>
            <numerusform>%n found it not helpful</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::KbHistoryDialog</name>
    <message numerus="yes">
        <source>%n paragraph(s) added</source>
        <translation>
            <numerusform>%n paragraph added</numerusform>
            <numerusform>%n paragraphs added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paragraph(s) removed</source>
        <translation>
            <numerusform>%n paragraph removed</numerusform>
            <numerusform>%n paragraphs removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::KbPage</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n helpful in 30 days</source>
        <translation>
            <numerusform>%n helpful in 30 days</numerusform>
            <numerusform>%n helpful in 30 days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::MainWindow</name>
    <message numerus="yes">
        <source>Churn risk scored for %1 customers, %2 at high risk; %n retention task(s) opened.</source>
        <extracomment>Status bar after scoring everyone; %1 customers, %2 of them at high risk, %n tasks opened</extracomment>
        <translation>
            <numerusform>Churn risk scored for %1 customers, %2 at high risk; %n retention task opened.</numerusform>
            <numerusform>Churn risk scored for %1 customers, %2 at high risk; %n retention tasks opened.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::PgRemote</name>
    <message numerus="yes">
        <source>The server %1 cannot be reached: no answer within %n second(s).</source>
        <translation>
            <numerusform>The server %1 cannot be reached: no answer within %n second.</numerusform>
            <numerusform>The server %1 cannot be reached: no answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server %1 did not answer within %n second(s).</source>
        <translation>
            <numerusform>The server %1 did not answer within %n second.</numerusform>
            <numerusform>The server %1 did not answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server's answer to sync.apply_batch leaves %n mutation(s) without a verdict.</source>
        <translation>
            <numerusform>The server's answer to sync.apply_batch leaves %n mutation without a verdict.</numerusform>
            <numerusform>The server's answer to sync.apply_batch leaves %n mutations without a verdict.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server's list of conflicts has %n column(s), not 8.</source>
        <translation>
            <numerusform>The server's list of conflicts has %n column, not 8.</numerusform>
            <numerusform>The server's list of conflicts has %n columns, not 8.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::RetentionPage</name>
    <message numerus="yes">
        <source>%n customer(s) at risk, %1 shown (scroll for more)</source>
        <translation>
            <numerusform>%n customer at risk, %1 shown (scroll for more)</numerusform>
            <numerusform>%n customers at risk, %1 shown (scroll for more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) at risk</source>
        <translation>
            <numerusform>%n customer at risk</numerusform>
            <numerusform>%n customers at risk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open task(s), %1 yours</source>
        <extracomment>%n tasks in all, %1 of them assigned to the agent</extracomment>
        <translation>
            <numerusform>%n open task, %1 yours</numerusform>
            <numerusform>%n open tasks, %1 yours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n open ticket(s)</source>
        <extracomment>An agent to give a retention task to; %1 name, %n open tickets the agent holds</extracomment>
        <translation>
            <numerusform>%1 — %n open ticket</numerusform>
            <numerusform>%1 — %n open tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retention this month: %n task(s) opened, %1 still open</source>
        <extracomment>%n tasks opened this month, %1 of them still open</extracomment>
        <translation>
            <numerusform>Retention this month: %n task opened, %1 still open</numerusform><numerusform>Retention this month: %n tasks opened, %1 still open</numerusform></translation>
    </message>
    <message numerus="yes">
        <source> (%n call-back(s) arranged)</source>
        <extracomment>After "… still open": how many of the open tasks have a call-back arranged</extracomment>
        <translation>
            <numerusform> (%n call-back arranged)</numerusform><numerusform> (%n call-backs arranged)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n customer(s) to %1.</source>
        <extracomment>%n customers written, %1 the file</extracomment>
        <translation>
            <numerusform>Exported %n customer to %1.</numerusform><numerusform>Exported %n customers to %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>telcodesk::SyncStatusWidget</name>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <extracomment>Status bar: local changes (interactions, notes, ...) the server has not confirmed yet</extracomment>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) rejected</source>
        <extracomment>Status bar: local changes the server refused for good</extracomment>
        <translation>
            <numerusform>%n change rejected</numerusform>
            <numerusform>%n changes rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline — retrying in %n s</source>
        <extracomment>Status bar: the server cannot be reached; the engine tries again in %n seconds</extracomment>
        <translation>
            <numerusform>Offline — retrying in %n s</numerusform>
            <numerusform>Offline — retrying in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <extracomment>How long ago the last sync was, in minutes</extracomment>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <extracomment>Status bar: fields changed here and on the server, waiting for the agent's choice</extracomment>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketEditor</name>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>%n open ticket</numerusform>
            <numerusform>%n open tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue bill(s)</source>
        <translation>
            <numerusform>%n overdue bill</numerusform>
            <numerusform>%n overdue bills</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::TicketQueuePage</name>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) assigned to you.</source>
        <translation>
            <numerusform>%n ticket assigned to you.</numerusform>
            <numerusform>%n tickets assigned to you.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) assigned.</source>
        <translation>
            <numerusform>%n ticket assigned.</numerusform>
            <numerusform>%n tickets assigned.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) assigned automatically.</source>
        <translation>
            <numerusform>%n ticket assigned automatically.</numerusform>
            <numerusform>%n tickets assigned automatically.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::TimelineSection</name>
    <message numerus="yes">
        <source>%n interaction(s)</source>
        <translation>
            <numerusform>%n interaction</numerusform>
            <numerusform>%n interactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telcodesk::UsageChartView</name>
    <message numerus="yes">
        <source>Spent %1 over %n month(s)</source>
        <extracomment>Chart title; %1 is the total spend over the %n months shown</extracomment>
        <translation>
            <numerusform>Spent %1 over %n month</numerusform>
            <numerusform>Spent %1 over %n months</numerusform>
        </translation>
    </message>
</context>
</TS>