[#ftl output_format="HTML" strip_whitespace=true]
[#import "layout.ftl" as layout]
[@layout.page root="../" title=title]
<p class="breadcrumb"><a href="../report.html">All submissions</a></p>
<h1>[=student]</h1>
<p class="lesson-facts">[=file][#if variant?has_content] · variant [=variant][/#if] · [=status][#if reason?has_content]: [=reason][/#if]</p>
[#if questions?has_content]
<h2>Questions</h2>
<ul class="questions">
[#list questions as q]<li>Question [=q.number] ([=q.title]): [#if q.right]right[#elseif q.answered]answered, with a wrong claim[#else]not answered[/#if]</li>
[/#list]
</ul>
[/#if]
[#if wrong?has_content]
<h2>Wrong claims</h2>
[#list wrong as c]
<section class="claim wrong" id="line-[=c.line]">
<h3>Line [=c.line]</h3>
<div class="side-by-side">
<div><p class="label">Written</p><span class="math display">[=c.tex]</span></div>
[#if c.correction?has_content]<div><p class="label">Right</p><span class="math display">[=c.correction]</span></div>[/#if]
</div>
<p>[=c.message]</p>
</section>
[/#list]
[/#if]
[#if notJudged?has_content]
<h2>Not judged</h2>
<ul>
[#list notJudged as c]<li>Line [=c.line]: [=c.message]</li>
[/#list]
</ul>
[/#if]
<h2>Confirmed</h2>
<p>[=confirmed] claim[#if confirmed != 1]s[/#if] confirmed.</p>
[/@layout.page]
