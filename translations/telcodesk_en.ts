<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
