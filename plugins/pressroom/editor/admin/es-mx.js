/*
 * The editor's interface in Mexican Spanish: what Decap's own Spanish (decap-cms-locales, "es")
 * leaves in English, and a few words changed for this office. editor.js merges it over Decap's
 * Spanish and registers the result as the "es" locale (config.yml: `locale: es`).
 *
 * Without the editorial workflow, Decap's "Publicar" only saves the file in the repository; a
 * note reaches the site by its `estado`. So then the buttons say "Guardar".
 */
window.PRESSROOM_ES_MX = function (flujoEditorial) {
  'use strict';
  const guardar = flujoEditorial
    ? {}
    : {
      publishing: 'Guardando…',
      publish: 'Guardar',
      published: 'Guardada',
      publishNow: 'Guardar ahora',
      publishAndCreateNew: 'Guardar y crear otra',
      publishAndDuplicate: 'Guardar y duplicar',
    };
  return {
    auth: {
      loginWithAzure: 'Iniciar sesión con Azure',
      loginWithForgejo: 'Iniciar sesión con Forgejo',
    },
    app: {
      header: { workflow: 'Flujo editorial', quickAdd: 'Nueva nota' },
      app: {
        errorHeader: 'No se pudo cargar la configuración del editor',
        checkConfigYml: 'Revisa config.yml (se genera con `make editor`).',
        loadingConfig: 'Cargando la configuración…',
        waitingBackend: 'Esperando al servidor…',
      },
    },
    collection: {
      sidebar: { collections: 'Secciones', allCollections: 'Todas las secciones', searchAll: 'Buscar en todo', searchIn: 'Buscar en' },
      collectionTop: {
        newButton: 'Nueva: %{collectionLabel}',
        newButtonAriaLabel: 'Crear una nota de tipo %{collectionLabel}',
        viewAsList: 'Ver como lista',
        viewAsGrid: 'Ver como cuadrícula',
        searchResults: 'Resultados de «%{searchTerm}»',
        searchResultsInCollection: 'Resultados de «%{searchTerm}» en %{collection}',
        filterBy: 'Filtrar por',
        groupBy: 'Agrupar por',
      },
      entries: { unpublishedHeader: 'Notas sin publicar', noEntries: 'Todavía no hay notas' },
      groups: { other: 'Otros', negateLabel: 'No %{label}' },
    },
    editor: {
      editorControl: { field: { widgetLabel: 'Campo %{widgetLabel}' } },
      editorControlPane: {
        widget: {
          regexPattern: '%{fieldLabel}: %{pattern}.',
          invalidPath: "'%{path}' no es una ruta válida",
          pathExists: "Ya existe '%{path}'",
        },
        i18n: {
          writingInLocale: 'Escribiendo en %{locale}',
          copyFromLocale: 'Llenar desde otro idioma',
          copyFromLocaleConfirm: '¿Llenar con los datos de %{locale}?\nSe reemplazará todo lo que hay.',
        },
      },
      editorInterface: {
        toggleI18n: 'Mostrar u ocultar idiomas',
        togglePreview: 'Mostrar u ocultar la vista previa',
        toggleScrollSync: 'Desplazar juntos',
        toggleNotes: 'Mostrar u ocultar notas',
      },
      editorNotesPane: {
        title: 'Notas',
        emptyState: 'Todavía no hay notas. Agrega la primera aquí abajo.',
        addNote: 'Agregar nota',
        addPlaceholder: 'Escribe una nota…',
        editPlaceholder: 'Edita tu nota…',
        save: 'Guardar',
        cancel: 'Cancelar',
        edit: 'Editar',
        delete: 'Borrar',
        resolve: 'Resolver',
        unresolve: 'Reabrir',
        confirmDelete: '¿Seguro que quieres borrar esta nota?',
        shortcut: 'Consejo: Ctrl+Enter agrega la nota',
      },
      editor: {
        onPublishingNotReady: 'Cambia el estado a «Listo» antes de publicar.',
        onPublishing: flujoEditorial
          ? '¿Seguro que quieres publicar esta nota?'
          : '¿Guardar la nota? Aparecerá en el sitio si su estado es «Publicado».',
      },
      editorToolbar: {
        ...guardar,
        statusInfoTooltipDraft: 'La nota es un borrador. Para mandarla a revisión, cambia su estado a «En revisión».',
        statusInfoTooltipInReview: 'La nota está en revisión; no hace falta nada más, pero puedes seguir haciendo cambios.',
        backCollection: ' Escribiendo en %{collectionLabel}',
      },
      editorWidgets: {
        markdown: {
          bold: 'Negritas',
          italic: 'Cursivas',
          strikethrough: 'Tachado',
          code: 'Código',
          link: 'Enlace',
          linkPrompt: 'Escribe la dirección del enlace',
          headings: 'Subtítulos',
          quote: 'Cita',
          bulletedList: 'Lista con viñetas',
          numberedList: 'Lista numerada',
          addComponent: 'Agregar componente',
          richText: 'Texto con formato',
          markdown: 'Markdown',
          toggleMode: { rich: 'Cambiar a texto con formato', markdown: 'Cambiar a Markdown' },
        },
        image: {
          choose: 'Elegir una foto',
          chooseDifferent: 'Elegir otra foto',
          remove: 'Quitar la foto',
          chooseMultiple: 'Elegir fotos',
          chooseUrl: 'Insertar desde una dirección',
          replaceUrl: 'Reemplazar con una dirección',
          promptUrl: 'Escribe la dirección de la imagen',
          addMore: 'Agregar más fotos',
          removeAll: 'Quitar todas las fotos',
        },
        file: {
          choose: 'Elegir un archivo',
          chooseDifferent: 'Elegir otro archivo',
          remove: 'Quitar el archivo',
          chooseUrl: 'Insertar desde una dirección',
          chooseMultiple: 'Elegir archivos',
          replaceUrl: 'Reemplazar con una dirección',
          promptUrl: 'Escribe la dirección del archivo',
          addMore: 'Agregar más archivos',
          removeAll: 'Quitar todos los archivos',
        },
        datetime: { setToNow: 'Poner %{fieldLabel} en este momento' },
        list: { add: 'Agregar %{item}', addType: 'Agregar %{item}' },
        object: { expand: 'Mostrar', collapse: 'Ocultar' },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        draft: 'Sin guardar',
        copy: 'Copiar',
        copyUrl: 'Copiar la dirección',
        copyPath: 'Copiar la ruta',
        copyName: 'Copiar el nombre',
        copied: 'Copiado',
      },
      mediaLibraryModal: { close: 'Cerrar', upload: 'Subir', chooseSelected: 'Usar la seleccionada' },
    },
    ui: {
      settingsDropdown: { account: 'Opciones de la cuenta' },
      toast: {
        missingRequiredField: 'Falta un dato obligatorio o hay uno incorrecto; revisa los campos en rojo.',
        entrySaved: 'Nota guardada',
        entryPublished: flujoEditorial ? 'Nota publicada' : 'Nota guardada',
        noteAdded: 'Nota agregada',
        onFailToAddNote: 'No se pudo agregar la nota: %{details}',
        noteUpdated: 'Nota actualizada',
        onFailToUpdateNote: 'No se pudo actualizar la nota: %{details}',
        noteDeleted: 'Nota borrada',
        onFailToDeleteNote: 'No se pudo borrar la nota: %{details}',
        noteResolved: 'Nota resuelta',
        noteReopened: 'Nota reabierta',
        onFailToToggleNote: 'No se pudo cambiar la nota: %{details}',
        onLoggedOut: 'Se cerró tu sesión; guarda una copia de lo que estabas escribiendo y vuelve a entrar',
        onBackendDown: 'El servicio del repositorio tiene una falla. Más información: %{details}',
      },
    },
    workflow: {
      workflow: { newPost: 'Nueva nota', dateFormat: 'D [de] MMMM' },
      workflowCard: { publishNewEntry: 'Publicar nota nueva' },
    },
  };
};
