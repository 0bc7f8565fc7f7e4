<#ftl output_format="HTML">
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${content.title}</title>
<link rel="stylesheet" href="${content.rootpath}style.css"></head>
<body><header><nav><a href="${content.rootpath}">Home</a></nav></header>
<main><h1>${content.title}</h1><p>${content.summary!}</p>${content.body?no_esc}</main></body></html>
