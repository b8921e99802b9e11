<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS or Atom feed opened in a browser as a readable Spanish page. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="titulo" select="rss/channel/title | atom:feed/atom:title"/>
    <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
    <xsl:variable name="sitio" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
    <html lang="es-MX">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Canal de suscripción: <xsl:value-of select="$titulo"/></title>
        <style>
          body { font-family: system-ui, sans-serif; color: #1f1f1f; margin: 0; line-height: 1.5; }
          main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          .aviso { background: #fff8d6; border-left: 6px solid #FFD100; padding: 1rem 1.25rem; }
          h1 { color: #9e0b23; line-height: 1.2; }
          a { color: #9e0b23; }
          code { background: #f1f1f1; padding: .1rem .3rem; word-break: break-all; }
          li { margin: 0 0 1rem; }
          .fecha { color: #555; font-size: .9rem; }
        </style>
      </head>
      <body>
        <main>
          <div class="aviso">
            <p><strong>Este es un canal de suscripción (feed).</strong> Sirve para recibir cada publicación
            nueva en un lector de noticias, sin tener que visitar el sitio.</p>
            <p>Para suscribirte, copia esta dirección y pégala en tu lector (Feedly, Inoreader, NetNewsWire,
            Thunderbird u otro): <code><xsl:value-of select="$self"/></code></p>
          </div>
          <h1><xsl:value-of select="$titulo"/></h1>
          <p><a href="{$sitio}">Ir a la página en el sitio</a> · <a href="/sala-de-prensa/">Sala de prensa</a></p>
          <h2>Publicaciones recientes</h2>
          <ul>
            <xsl:for-each select="rss/channel/item">
              <li>
                <a href="{link}"><xsl:value-of select="title"/></a><br/>
                <span class="fecha"><xsl:value-of select="pubDate"/></span>
                <p><xsl:value-of select="description"/></p>
              </li>
            </xsl:for-each>
            <xsl:for-each select="atom:feed/atom:entry">
              <li>
                <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a><br/>
                <span class="fecha"><xsl:value-of select="substring(atom:published, 1, 10)"/></span>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ul>
          <xsl:if test="not(rss/channel/item) and not(atom:feed/atom:entry)">
            <p>Todavía no hay publicaciones en este canal. Al suscribirte recibirás las próximas.</p>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
