<#ftl output_format="HTML">
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Benchmark</title>
<link rel="stylesheet" href="${content.rootpath}style.css"></head>
<body><header><nav><a href="${content.rootpath}">Home</a></nav></header>
<main><h1>Benchmark</h1><ul><#list published_posts as post><li><a href="${content.rootpath}${post.uri}">${post.title}</a> ${post.summary!}</li></#list></ul></main></body></html>
